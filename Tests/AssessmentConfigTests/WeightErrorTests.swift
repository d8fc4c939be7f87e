import AssessmentConfig
import Foundation
import Testing

/// Weights, criterion placement and region policies.
@Suite("Config errors: weights and policies")
struct WeightErrorTests {
    typealias Fixture = ConfigFixture

    @Test("Weights that do not sum to 1 show the actual sum: criterion, weighted_sum, extra criterion, regional index")
    func sums() throws {
        let indicators = "sectors/mini/indicators.yaml"
        var text = Fixture.edit(Fixture.indicators, #""1.3": 0.5}"#, #""1.3": 0.4}"#)
        text = Fixture.edit(text, "    value: {share: {question: q3}}", """
                value:
                  weighted_sum:
                    - {weight: 0.5, value: {share: {question: q3}}}
                    - {weight: 0.6, value: {share: {question: q1}}}
            """)
        let (fixture, found) = try Fixture.diagnostics([
            indicators: text,
            "region.yaml": Fixture.edit(Fixture.regionWithHeads, "federal_weight: 0.7", "federal_weight: 0.6"),
            "extra-criteria/heads.yaml": Fixture.edit(Fixture.heads, "h.2: 0.5}", "h.2: 0.4}"),
        ])
        #expect(found == [
            "\(fixture.path("extra-criteria/heads.yaml")):10:10: ошибка: веса дополнительного критерия в сумме дают 0.9, а должны давать 1",
            "\(fixture.path("region.yaml")):6:3: ошибка: federal_weight и extra_weights в сумме дают 0.9, а должны давать 1",
            "\(fixture.path(indicators)):4:14: ошибка: веса критерия «K1» в сумме дают 0.9, а должны давать 1",
            "\(fixture.path(indicators)):18:9: ошибка: веса weighted_sum в сумме дают 1.1, а должны давать 1",
        ])
    }

    @Test("An indicator in two criteria, in none, and a weight for an undeclared indicator")
    func placement() throws {
        let indicators = "sectors/mini/indicators.yaml"
        let (fixture, found) = try Fixture.diagnostics([
            indicators: Fixture.edit(Fixture.indicators, #"{"2.3": 1}"#, #"{"1.3": 0.5, "2.4": 0.5}"#),
        ])
        #expect(found == [
            "\(fixture.path(indicators)):6:15: ошибка: показатель «1.3» уже входит в критерий «K1» (строка 4); показатель входит ровно в один критерий",
            "\(fixture.path(indicators)):6:27: ошибка: показатель «2.4» не объявлен в списке indicators; объявлены: «1.1», «1.3», «2.3»",
            "\(fixture.path(indicators)):14:9: ошибка: показатель «2.3» не входит ни в один критерий; добавьте его вес в criteria",
        ])
    }

    @Test("An indicator of an extra criterion without a weight")
    func extraWithoutWeight() throws {
        let (fixture, found) = try Fixture.diagnostics([
            "region.yaml": Fixture.region + "\nextra_criteria: [heads]",
            "extra-criteria/heads.yaml": Fixture.edit(Fixture.heads, "{h.1: 0.5, h.2: 0.5}", "{h.1: 1}"),
        ])
        #expect(found == ["\(fixture.path("extra-criteria/heads.yaml")):9:10: ошибка: показатель «h.2» не имеет веса в weights"])
    }

    @Test("Unknown policy values list the allowed ones; rating bands must descend")
    func policies() throws {
        let region = Fixture.region + """

            policies:
              zero_denominator: skip
              branches: mean
              rating_bands:
                - {from: 60, title: хорошо}
                - {from: 80, title: отлично}
                - {from: 0, title: плохо}
            """
        let (fixture, found) = try Fixture.diagnostics(["region.yaml": region])
        let file = fixture.path("region.yaml")
        #expect(found == [
            "\(file):5:21: ошибка: неизвестное значение «skip» для zero_denominator; допустимы: zero, exclude, full",
            "\(file):6:13: ошибка: неизвестное значение «mean» для branches; допустимы: separate, mean_of_units",
            "\(file):9:14: ошибка: полосы rating_bands идут по убыванию from: 80 не меньше предыдущего 60",
        ])
    }
}
