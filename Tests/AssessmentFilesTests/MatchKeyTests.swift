@testable import AssessmentFiles
import Testing

@Suite("Comparison keys of typed answers")
struct MatchKeyTests {
    @Test("Lower case, «ё» as «е», whitespace runs as one space, none at the ends",
          arguments: [
              ("Да", "да"), ("  НЕТ\t", "нет"), ("Нет   предложений", "нет предложений"),
              ("\r\nВсЁ\u{00A0}устраивает\n", "все устраивает"), ("Е\u{308}лка", "елка"), ("MALE", "male"),
              ("", ""), (" \t ", ""), ("Пандус у\tбокового  входа", "пандус у бокового входа"),
          ])
    func keys(text: String, key: String) {
        #expect(MatchKey.of(text) == key)
    }

    @Test("Free text that says nothing is not a suggestion; anything else is")
    func emptySuggestions() {
        for text in ["Нет", " нет предложений ", "Всё  устраивает", "ВСЕ УСТРАИВАЕТ", "-", "н/п"] {
            #expect(!AnswerNormalizer.isMeaningfulSuggestion(text), "\(text)")
        }
        for text in ["Нет пандуса", "Установить пандус", "нет.нет"] {
            #expect(AnswerNormalizer.isMeaningfulSuggestion(text), "\(text)")
        }
    }
}
