import ArgumentParser
import AssessmentApp
import GRDB
import Testing

@Suite("Help and argument errors in Russian")
struct RussianFrameTests {
    private func message(_ arguments: [String]) -> (text: String, code: Int32) {
        do {
            // Help is a command of ArgumentParser's own that throws its text when run.
            var command = try AdminCommand.parseAsRoot(arguments)
            try command.run()
            return ("", 0)
        } catch {
            return RussianFrame.message(for: error, root: AdminCommand.self)
        }
    }

    @Test("A database held by another program past the wait is said in Russian, with exit code 1")
    func busyDatabase() {
        let (text, code) = RussianFrame.message(for: DatabaseError(resultCode: .SQLITE_BUSY, message: "database is locked"), root: AdminCommand.self)
        #expect(text.hasPrefix("База данных занята другой программой"))
        #expect(!text.contains("locked"))
        #expect(code == 1)
    }

    @Test("--help: the frame words are Russian, and no English frame phrase is left")
    func help() {
        let (text, code) = message(["score", "--help"])
        #expect(code == 0)
        for russian in ["НАЗНАЧЕНИЕ:", "ВЫЗОВ:", "ПАРАМЕТРЫ:", "Показать эту справку.", "Код кампании."] {
            #expect(text.contains(russian), "\(russian)")
        }
        for english in ["OVERVIEW", "USAGE", "OPTIONS", "Show help information"] {
            #expect(!text.contains(english), "\(english)")
        }
        #expect(message(["--help"]).text.contains("КОМАНДЫ:"))
    }

    @Test("A missing or unknown argument is said in Russian, with exit code 64")
    func errors() {
        let missing = message(["score"])
        #expect(missing.code == 64)
        #expect(missing.text.hasPrefix("Ошибка: Не указан обязательный параметр '--campaign <campaign>'"))
        #expect(message(["score", "--campaign", "2025", "--bogus"]).text.hasPrefix("Ошибка: Неизвестный параметр '--bogus'"))
        #expect(message(["score", "--campaign"]).text.hasPrefix("Ошибка: Не указано значение параметра '--campaign <campaign>'"))
    }
}
