import AssessmentApp
import AssessmentConfig
import AssessmentKernel
import Testing
import TestSupport

/// Twenty respondents with round counts; "(n)" means respondents 1…n answered "yes".
/// q1 10 (q2 9 of them), q3 8 (q4 7), q5 18, q6 3 (q7 2), q8 19, q9 20, q10 6 (q11 5), q12 17, q13 16, q14 18,
/// q_timely 15.
private func twentyResponses(_ builder: inout DataBuilder, extra: (Int) -> [String: String] = { _ in [:] }) {
    func yes(_ r: Int, _ n: Int) -> String { r <= n ? "yes" : "no" }
    for r in 1...20 {
        var a = ["q1": yes(r, 10), "q3": yes(r, 8), "q5": yes(r, 18), "q6": yes(r, 3), "q8": yes(r, 19),
                 "q9": "yes", "q10": yes(r, 6), "q12": yes(r, 17), "q13": yes(r, 16), "q14": yes(r, 18),
                 "q_timely": yes(r, 15)]
        if r <= 10 { a["q2"] = yes(r, 9) }
        if r <= 8 { a["q4"] = yes(r, 7) }
        if r <= 3 { a["q7"] = yes(r, 2) }
        if r <= 6 { a["q11"] = yes(r, 5) }
        a.merge(extra(r)) { _, new in new }
        builder.respond(a)
    }
}

@Suite("Hand-computed organisation in each real sector")
struct HandComputedSectorTests {
    let environment: AppEnvironment

    init() throws {
        environment = try AppEnvironment(configDirectory: RepositoryPaths.configs, extraSectorDirectories: [RepositoryPaths.healthcareSector])
    }

    func build(_ sectorID: SectorID, type: InstitutionTypeID, marks: [String: (present: Int, notApplicable: Int)],
               extra: (Int) -> [String: String] = { _ in [:] }) throws -> (SectorDefinition, OrganizationScore) {
        let sector = try #require(environment.config.sector(sectorID))
        var builder = DataBuilder(sector: sector, organization: Organization(id: "hand", name: "Организация", sector: sectorID, type: type, recipients: 50))
        twentyResponses(&builder, extra: extra)
        for (list, mark) in marks {
            builder.checklist(try #require(sector.checklist(ChecklistID(list))), present: mark.present, notApplicable: mark.notApplicable)
        }
        return (sector, try environment.engine().score(builder.data, sector: sector))
    }

    @Test("Culture, a library")
    func culture() throws {
        let (sector, score) = try build("culture", type: "library", marks: [
            "stand": (12, 0), "website": (15, 0), "remote_channels": (4, 0), "comfort": (5, 0),
            "disability_premises": (2, 0), "disability_services": (3, 0)])
        #expect(sector.checklist("stand")?.items.count == 16)
        #expect(sector.checklist("website")?.items.count == 18)
        // 1.1 = 50·12/16 + 50·15/18 = 37.5 + 41.6667 = 79.17; 1.2 = min(4·30, 100) = 100
        #expect(score.indicator("1.1")?.value == 79.17)
        #expect(score.indicator("1.2")?.value == 100)
        // 1.3 = 50·9/10 + 50·7/8 = 45 + 43.75 = 88.75; К1 = 0.3·79.17 + 0.3·100 + 0.4·88.75 = 89.251 → 89.25
        #expect(score.indicator("1.3")?.value == 88.75)
        #expect(score.criterion("K1")?.value == 89.25)
        // 2.1 = min(5·20, 100) = 100; 2.3 = 18/20 = 90; К2 = 0.5·100 + 0.5·90 = 95
        #expect(score.criterion("K2")?.value == 95)
        // 3.1 = 40; 3.2 = 60; 3.3 = 2/3 = 66.67; К3 = 12 + 24 + 20.001 = 56
        #expect(score.indicator("3.3")?.value == 66.67)
        #expect(score.criterion("K3")?.value == 56)
        // 4.1 = 95; 4.2 = 100; 4.3 = 5/6 = 83.33; К4 = 38 + 40 + 16.666 = 94.67
        #expect(score.criterion("K4")?.value == 94.67)
        // 5.1 = 85; 5.2 = 80; 5.3 = 90; К5 = 25.5 + 16 + 45 = 86.5
        #expect(score.criterion("K5")?.value == 86.5)
        // Total = (89.25 + 95 + 56 + 94.67 + 86.5) / 5 = 421.42 / 5 = 84.284 → 84.28
        #expect(score.total == 84.28)
        #expect(score.band == "отлично")
    }

    @Test("Culture, a theatre: К1 and К3 only")
    func theatre() throws {
        let (_, score) = try build("culture", type: "theatre", marks: [
            "stand": (12, 0), "website": (15, 0), "remote_channels": (4, 0), "comfort": (5, 0),
            "disability_premises": (2, 0), "disability_services": (3, 0)])
        #expect(score.criteria.filter(\.applied).map(\.id) == ["K1", "K3"])
        // (89.25 + 56) / 2 = 72.625 → 72.63
        #expect(score.total == 72.63)
    }

    @Test("Education, a school; two website items not applicable")
    func education() throws {
        let (sector, score) = try build("education", type: "general_school", marks: [
            "stand": (14, 0), "website": (30, 2), "remote_channels": (2, 0), "comfort": (3, 0),
            "disability_premises": (5, 0), "disability_services": (1, 0)])
        #expect(sector.checklist("website")?.items.count == 34)
        // 1.1 = 50·14/14 + 50·30/32 = 50 + 46.875 = 96.88; 1.2 = 60; К1 = 29.064 + 18 + 35.5 = 82.564 → 82.56
        #expect(score.indicator("1.1")?.value == 96.88)
        #expect(score.criterion("K1")?.value == 82.56)
        // 2.1 = 60; К2 = 0.5·60 + 0.5·90 = 75
        #expect(score.criterion("K2")?.value == 75)
        // 3.1 = 100; 3.2 = 20; К3 = 30 + 8 + 20.001 = 58
        #expect(score.criterion("K3")?.value == 58)
        // Total = (82.56 + 75 + 58 + 94.67 + 86.5) / 5 = 396.73 / 5 = 79.346 → 79.35
        #expect(score.total == 79.35)
        #expect(score.band == "хорошо")
    }

    @Test("Social services: К2 with timeliness 2.2")
    func socialServices() throws {
        let (_, score) = try build("social-services", type: try #require(environment.config.sector("social-services")?.types.first?.id), marks: [
            "stand": (9, 0), "website": (18, 0), "remote_channels": (6, 0), "comfort": (4, 0),
            "disability_premises": (0, 0), "disability_services": (6, 0)])
        // 1.1 = 50·9/18 + 50·18/18 = 75; 1.2 = 100; К1 = 22.5 + 30 + 35.5 = 88
        #expect(score.criterion("K1")?.value == 88)
        // 2.1 = 80; 2.2 = 15/20 = 75; 2.3 = 90; К2 = 0.3·80 + 0.4·75 + 0.3·90 = 24 + 30 + 27 = 81
        #expect(score.indicator("2.2")?.value == 75)
        #expect(score.criterion("K2")?.value == 81)
        // 3.1 = 0; 3.2 = min(6·20, 100) = 100; К3 = 0 + 40 + 20.001 = 60
        #expect(score.criterion("K3")?.value == 60)
        // Total = (88 + 81 + 60 + 94.67 + 86.5) / 5 = 410.17 / 5 = 82.034 → 82.03
        #expect(score.total == 82.03)
        // Every absent premises item is a shortcoming with its measure.
        #expect(score.shortcomings.filter { $0.checklist == "disability_premises" }.count == 5)
    }

    @Test("Healthcare (YAML only): 2.2 = mean of timeliness share and the waiting-time table")
    func healthcare() throws {
        let sector = try #require(environment.config.sector("healthcare"))
        // wait_days: respondents 1–10 waited 5 days (100 points), 11–15 waited 10 (60), 16–20 waited 14 (10).
        let (_, score) = try build("healthcare", type: try #require(sector.types.first?.id), marks: [:]) { r in
            ["wait_days": r <= 10 ? "5" : (r <= 15 ? "10" : "14")]
        }
        // Table mean = (10·100 + 5·60 + 5·10) / 20 = 1350 / 20 = 67.5; share = 75; 2.2 = (75 + 67.5) / 2 = 71.25
        #expect(score.indicator("2.2")?.value == 71.25)
    }
}
