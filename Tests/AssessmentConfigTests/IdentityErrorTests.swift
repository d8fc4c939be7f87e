import AssessmentConfig
import Foundation
import Testing

/// Ids: duplicates, ids that must match file or folder names, editions and files that must exist.
@Suite("Config errors: ids and names")
struct IdentityErrorTests {
    typealias Fixture = ConfigFixture

    @Test("Duplicate questions, check-lists, items and indicators say where the first one was")
    func duplicatesInSector() throws {
        let questionnaire = "sectors/mini/questionnaire.yaml"
        let checklists = "sectors/mini/checklists.yaml"
        let indicators = "sectors/mini/indicators.yaml"
        let (fixture, found) = try Fixture.diagnostics([
            questionnaire: Fixture.questionnaire + "\n  - {id: q2, text: Снова?, answer: yes_no}",
            checklists: Fixture.checklists + """

                  - id: stand
                    title: Ещё стенд
                    source: website
                    items:
                      - {id: w1, text: Адрес, measure: Указать адрес}
                      - {id: w1, text: Телефон, measure: Указать телефон}
                """,
            indicators: Fixture.indicators + "\n  - {id: \"1.1\", title: Снова, value: {share: {question: q1}}}",
        ])
        #expect(found == [
            "\(fixture.path(checklists)):9:9: ошибка: чек-лист «stand» уже объявлен в строке 3",
            "\(fixture.path(checklists)):14:14: ошибка: пункт «w1» уже объявлен в этом чек-листе в строке 13",
            "\(fixture.path(indicators)):17:10: ошибка: показатель «1.1» уже объявлен в строке 8",
            "\(fixture.path(questionnaire)):13:10: ошибка: вопрос «q2» уже объявлен в строке 6",
        ])
    }

    @Test("Duplicate types, kinds and methodology criteria")
    func duplicateTypesAndCriteria() throws {
        let sector = "sectors/mini/sector.yaml"
        let methodology = "methodology/344n-2024.yaml"
        let (fixture, found) = try Fixture.diagnostics([
            sector: Fixture.sector + """

                    kinds:
                      - {id: small, title: Малый}
                  - id: club
                    title: Ещё клуб
                    kinds:
                      - {id: small, title: Малый}
                """,
            methodology: Fixture.edit(Fixture.methodology, "  - {id: K2, title: Удовлетворённость}", "  - {id: K2, title: Удовлетворённость}\n  - {id: K1, title: Снова}"),
        ])
        #expect(found == [
            "\(fixture.path(methodology)):8:10: ошибка: критерий «K1» уже объявлен в строке 6",
            "\(fixture.path(sector)):10:9: ошибка: тип «club» уже объявлен в строке 6",
            "\(fixture.path(sector)):13:14: ошибка: вид «small» уже объявлен в строке 9",
        ])
    }

    @Test("The same sector id from two folders says where it was first loaded")
    func duplicateSector() throws {
        let files = [
            "more/mini/sector.yaml": Fixture.sector, "more/mini/questionnaire.yaml": Fixture.questionnaire,
            "more/mini/checklists.yaml": Fixture.checklists, "more/mini/indicators.yaml": Fixture.indicators,
        ]
        let fixture = try ConfigFixture(files)
        #expect(fixture.diagnostics(extraSectorDirectories: ["more/mini"]) == [
            "\(fixture.path("more/mini/sector.yaml")):2:5: ошибка: сфера «mini» уже загружена из папки \(fixture.path("sectors/mini"))",
        ])
    }

    @Test("A sector id that is not its folder name, an extra criterion id that is not its file name")
    func namesMatchFiles() throws {
        let (fixture, found) = try Fixture.diagnostics([
            "sectors/mini/sector.yaml": Fixture.edit(Fixture.sector, "id: mini", "id: maxi"),
            "region.yaml": Fixture.region + "\nextra_criteria: [heads]",
            "extra-criteria/heads.yaml": Fixture.edit(Fixture.edit(Fixture.heads, "id: heads", "id: chiefs"), "sectors: [mini]", "sectors: [maxi]"),
        ])
        #expect(found == [
            "\(fixture.path("extra-criteria/heads.yaml")):2:5: ошибка: id критерия «chiefs» не совпадает с именем файла «heads.yaml»",
            "\(fixture.path("sectors/mini/sector.yaml")):2:5: ошибка: id сферы «maxi» не совпадает с именем папки «mini»",
        ])
    }

    @Test("Editions without a file, and criteria missing from the declared editions")
    func editions() throws {
        let (fixture, found) = try Fixture.diagnostics([
            "region.yaml": Fixture.edit(Fixture.region, "methodology: 344n-2024", "methodology: 344n-2030"),
            "sectors/mini/sector.yaml": Fixture.edit(Fixture.sector + "\n    criteria: [K1, K7]", "[344n-2024]", "[344n-2024, 344n-2030]"),
            "sectors/mini/indicators.yaml": Fixture.edit(Fixture.indicators, "  - id: K2", "  - id: K9"),
        ])
        #expect(found == [
            "\(fixture.path("region.yaml")):3:14: ошибка: редакция методики «344n-2030» не найдена: нет файла methodology/344n-2030.yaml; есть: 344n-2024",
            "\(fixture.path("sectors/mini/indicators.yaml")):2:1: ошибка: нет весов критерия «K2» редакции методики «344n-2024»",
            "\(fixture.path("sectors/mini/indicators.yaml")):5:9: ошибка: критерия «K9» нет в редакции методики «344n-2024»; есть: K1, K2",
            "\(fixture.path("sectors/mini/sector.yaml")):4:26: ошибка: редакция методики «344n-2030» не найдена: нет файла methodology/344n-2030.yaml; есть: 344n-2024",
            "\(fixture.path("sectors/mini/sector.yaml")):8:20: ошибка: критерия «K7» нет в редакции методики «344n-2024»; есть: K1, K2",
        ])
    }
}
