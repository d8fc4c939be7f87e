import AssessmentApp
import AssessmentConfig
import AssessmentKernel
import Foundation
import Testing
import TestSupport

/// One suite every sector must pass, Swift plugin or YAML only (STYLE.md 11).
@Suite("Sector conformance")
struct SectorConformanceTests {
    static let sectorIDs: [SectorID] = ["culture", "education", "social-services", "healthcare"]

    static func environment() throws -> AppEnvironment {
        try AppEnvironment(configDirectory: RepositoryPaths.configs, extraSectorDirectories: [RepositoryPaths.healthcareSector])
    }

    @Test("Every Swift plugin has its config folder; the YAML-only sector loads without one")
    func pluginsAndFolders() throws {
        let environment = try Self.environment()
        #expect(environment.config.sectors.map(\.id).sorted() == Self.sectorIDs.sorted())
        for plugin in environment.registry.plugins {
            let type = type(of: plugin)
            let folder = RepositoryPaths.configs.appendingPathComponent("sectors/\(type.configFolder)")
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("sector.yaml").path))
            #expect(environment.config.sector(type.id) != nil)
        }
        #expect(environment.registry.plugin(for: "healthcare") == nil)
        let folders = try FileManager.default.contentsOfDirectory(atPath: RepositoryPaths.configs.appendingPathComponent("sectors").path)
        for folder in folders where !folder.hasPrefix(".") {
            #expect(environment.config.sector(SectorID(folder)) != nil, "папка sectors/\(folder) не загружена как сфера")
        }
    }

    @Test("Questionnaire: filters point to earlier yes/no questions; the 14 core questions are there", arguments: sectorIDs)
    func questionnaire(id: SectorID) throws {
        let sector = try #require(try Self.environment().config.sector(id))
        for (index, question) in sector.questions.enumerated() {
            guard let filter = question.filter else { continue }
            let target = try #require(sector.questions.firstIndex { $0.id == filter.question })
            #expect(target < index, "\(question.id) фильтруется по более позднему вопросу")
        }
        for core in (1...14).map({ QuestionID("q\($0)") }) {
            #expect(sector.question(core)?.answer == .yesNo, "нет вопроса \(core)")
        }
        #expect(sector.questions.contains { $0.answer == .text }, "нет вопроса для предложений")
    }

    @Test("Every indicator resolves and sits in exactly one criterion; weights sum to 1", arguments: sectorIDs)
    func indicators(id: SectorID) throws {
        let environment = try Self.environment()
        let sector = try #require(environment.config.sector(id))
        let methodology = try #require(environment.config.methodology(environment.config.region.methodology))
        #expect(sector.criteria.map(\.criterion) == methodology.criteria.map(\.id))
        for criterion in sector.criteria {
            #expect(abs(criterion.weights.map(\.weight).reduce(0, +) - 1) < 1e-9)
        }
        let placed = sector.criteria.flatMap { $0.weights.map(\.indicator) }
        #expect(Set(placed) == Set(sector.indicators.map(\.id)))
        #expect(placed.count == Set(placed).count)
        for indicator in sector.indicators {
            for question in indicator.formula.questions { #expect(sector.question(question) != nil) }
            for list in indicator.formula.checklists { #expect(sector.checklist(list) != nil) }
        }
        for list in sector.checklists {
            #expect(!list.items.isEmpty)
            for item in list.items {
                #expect(!item.shortcoming.isEmpty && !item.measure.isEmpty, "\(list.id)/\(item.id) без недостатка или меры")
            }
        }
    }

    @Test("A perfect organisation scores 100, an empty one 0, random ones within 0–100", arguments: sectorIDs)
    func sampleScores(id: SectorID) throws {
        let environment = try Self.environment()
        let sector = try #require(environment.config.sector(id))
        let engine = try environment.engine()
        let type = try #require(sector.types.first { $0.criteria == nil && $0.kinds.allSatisfy { $0.criteria == nil } })
        let organization = Organization(id: "o", name: "Организация", sector: id, type: type.id, kind: type.kinds.first?.id, recipients: 10)
        let questions = environment.questions(for: sector)

        let perfect = SampleData.organization(organization, questions: questions, checklists: environment.checklists(for: sector), mode: .perfect)
        let best = engine.score(perfect, sector: sector, extraCriteria: environment.extraCriteria(for: id))
        #expect(best.criteria.allSatisfy { $0.value == 100 }, "\(best.criteria.map(\.value))")
        #expect(best.total == 100)
        #expect(best.shortcomings.isEmpty)

        let empty = SampleData.organization(organization, questions: questions, checklists: environment.checklists(for: sector), mode: .worst)
        let worst = engine.score(empty, sector: sector)
        for indicator in worst.indicators where sector.indicator(indicator.id).map({ !Self.usesLookup($0.formula) }) == true {
            #expect(indicator.value == 0, "\(indicator.id) = \(String(describing: indicator.value))")
        }
        #expect(worst.shortcomings.count >= sector.checklists.flatMap(\.items).count - 1)

        for seed in UInt64(1)...40 {
            let data = SampleData.organization(organization, questions: questions, checklists: environment.checklists(for: sector), mode: .random(seed: seed))
            let score = engine.score(data, sector: sector, extraCriteria: environment.extraCriteria(for: id))
            let values = score.indicators.compactMap(\.value) + score.criteria.compactMap(\.value) + [score.total].compactMap { $0 }
            #expect(values.allSatisfy { (0...100).contains($0) })
        }
    }

    static func usesLookup(_ formula: Formula) -> Bool {
        switch formula {
        case .lookup: true
        case .mean(let parts): parts.contains(where: usesLookup)
        case .weightedSum(let terms): terms.contains { usesLookup($0.formula) }
        default: false
        }
    }
}
