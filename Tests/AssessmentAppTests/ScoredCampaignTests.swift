import AssessmentApp
import AssessmentConfig
import AssessmentKernel
import AssessmentReporting
import Foundation
import Testing
import TestSupport

@Suite("Scoring a campaign from files")
struct ScoredCampaignTests {
    let environment: AppEnvironment

    init() throws {
        environment = try AppEnvironment(configDirectory: RepositoryPaths.configs)
    }

    @Test("The demo municipality scores every institution of the three sectors")
    func demo() throws {
        let campaign = try ScoredCampaign.load(from: RepositoryPaths.demo, environment: environment)
        #expect(campaign.organizations.count == 30)
        #expect(Set(campaign.scores.map(\.organization.sector)) == ["culture", "education", "social-services"])
        #expect(campaign.scores.allSatisfy { $0.total.map { (0...100).contains($0) } == true })
        // The theatre is assessed on К1 and К3 only.
        let theatre = try #require(campaign.score(for: "cul-08"))
        #expect(theatre.criteria.filter(\.applied).map(\.id) == ["K1", "K3"])
        // Two institutions were left short of the minimum sample on purpose.
        #expect(Set(campaign.scores.filter { $0.sample.status == .insufficient }.map(\.organization.id)) == ["cul-06", "soc-03"])
        // Extra criterion and regional index are beside the total.
        #expect(campaign.scores.allSatisfy { $0.extra.map(\.id) == ["heads"] && $0.regionalIndex != nil })
    }

    @Test("The same files give byte-identical reports")
    func reproducible() throws {
        func render() throws -> String {
            let campaign = try ScoredCampaign.load(from: RepositoryPaths.demo, environment: environment)
            let report = RankingReport(scores: campaign.scores, sectors: environment.config.sectors,
                                       methodology: try environment.engine().methodology, region: environment.config.region, grouping: .type)
            return report.markdown(regionName: environment.config.region.name) + report.csv()
        }
        #expect(try render() == render())
    }

    @Test("Rankings per sector: ranks follow totals, ties share a rank")
    func rankings() throws {
        let campaign = try ScoredCampaign.load(from: RepositoryPaths.demo, environment: environment)
        let report = RankingReport(scores: campaign.scores, sectors: environment.config.sectors,
                                   methodology: try environment.engine().methodology, region: environment.config.region)
        #expect(report.groups.map(\.sector.id) == ["culture", "education", "social-services"])
        for group in report.groups {
            let totals = group.entries.compactMap(\.score.total)
            #expect(totals == totals.sorted(by: >))
            #expect(group.entries.first?.rank == 1)
        }
        let csv = report.csv()
        #expect(csv.hasPrefix("sector,group,rank,organization_id,organization,K1,K2,K3,K4,K5,total,band,respondents,sample_required,sample_status,extra:heads,regional_index\n"))
        #expect(csv.split(separator: "\n").count == 31)
    }

    @Test("A data file naming an unknown sector stops with a Russian message that names it")
    func unknownSector() throws {
        let folder = try RepositoryPaths.temporaryDirectory("campaign")
        for name in ["checklists.csv", "responses.csv"] {
            try FileManager.default.copyItem(at: RepositoryPaths.demo.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try Data("id,name,sector\nx1,Спортшкола,sport\n".utf8).write(to: folder.appendingPathComponent("organizations.csv"))
        #expect(throws: KernelError.unknownSector("sport", organization: "x1")) {
            try ScoredCampaign.load(from: folder, environment: environment)
        }
        #expect(KernelError.unknownSector("sport", organization: "x1").errorDescription
                == "Организация «x1» относится к сфере «sport», которой нет в Configs/sectors.")
    }

    @Test("A missing data file is named")
    func missingFile() throws {
        let folder = try RepositoryPaths.temporaryDirectory("campaign")
        #expect(throws: AppError.missingDataFile(folder.appendingPathComponent("organizations.csv").path)) {
            try ScoredCampaign.load(from: folder, environment: environment)
        }
    }

    @Test("The card explains every number and escapes respondents' text")
    func card() throws {
        let campaign = try ScoredCampaign.load(from: RepositoryPaths.demo, environment: environment)
        let score = try #require(campaign.score(for: "cul-01"))
        let sector = try #require(environment.config.sector("culture"))
        let card = OrganizationCard(score: score, sector: sector, sectorScores: campaign.scores,
                                    suggestions: ["Добавить онлайн-запись | через Госуслуги", "*важно*"]).markdown()
        #expect(card.contains("# Муниципальное бюджетное учреждение культуры «Централизованная библиотечная система»"))
        #expect(card.contains("## Как получено каждое число"))
        #expect(card.contains("числитель"))
        #expect(card.contains("- Добавить онлайн-запись \\| через Госуслуги"))
        #expect(card.contains("- \\*важно\\*"))
    }

    @Test("mean_of_units folds the library branches into the ЦБС")
    func branches() throws {
        let folder = try RepositoryPaths.temporaryDirectory("configs")
        try FileManager.default.copyItem(at: RepositoryPaths.configs, to: folder.appendingPathComponent("Configs"))
        let region = folder.appendingPathComponent("Configs/region.yaml")
        let text = try String(contentsOf: region, encoding: .utf8).replacingOccurrences(of: "branches: separate", with: "branches: mean_of_units")
        try Data(text.utf8).write(to: region)
        let folded = try AppEnvironment(configDirectory: folder.appendingPathComponent("Configs"))
        let campaign = try ScoredCampaign.load(from: RepositoryPaths.demo, environment: folded)
        #expect(campaign.scores.count == 28)
        #expect(campaign.unitScores.count == 30)
        let head = try #require(campaign.scores.first { $0.organization.id == "cul-01" })
        let units = campaign.unitScores.filter { ["cul-01", "cul-02", "cul-03"].contains($0.organization.id) }
        let k5 = units.compactMap { $0.criterion("K5")?.value }
        #expect(head.criterion("K5")?.value == DecimalRounding.round(k5.reduce(0, +) / 3, decimals: 2))
    }
}

@Suite("Registry values checked against the sector config")
struct RegistryCheckTests {
    @Test("A misspelt kind is an error, not a silent fallback to the type's criteria")
    func unknownKind() throws {
        let environment = try AppEnvironment(configDirectory: RepositoryPaths.configs)
        let folder = try RepositoryPaths.temporaryDirectory("campaign")
        try Data("organization_id,checklist,item,value\n".utf8).write(to: folder.appendingPathComponent("checklists.csv"))
        try Data("response_id,organization_id,channel\n".utf8).write(to: folder.appendingPathComponent("responses.csv"))
        try Data("id,name,sector,type,kind\nt1,Театр,culture,theatre,dramma_theatre\n".utf8).write(to: folder.appendingPathComponent("organizations.csv"))
        #expect(throws: KernelError.unknownInstitutionKind("dramma_theatre", type: "theatre", sector: "culture", organization: "t1")) {
            try ScoredCampaign.load(from: folder, environment: environment)
        }
    }
}
