import AssessmentConfig
import AssessmentKernel
import Foundation
import Testing
import TestSupport
import Yams

@Suite("config dump")
struct ConfigDumpTests {
    /// The dump cut back into files at the paths its `--- # path` lines name.
    private func documents(_ dump: String) throws -> [String: String] {
        var files: [String: String] = [:]
        var current: String?
        for line in dump.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("--- # ") {
                current = String(line.dropFirst(6))
                files[current!] = ""
            } else if let current {
                files[current]! += line + "\n"
            }
        }
        return files
    }

    private func write(_ files: [String: String]) throws -> URL {
        let root = try RepositoryPaths.temporaryDirectory("dump")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }

    @Test("Defaults the files leave out are written out: policies, positive answers, shortcoming wordings")
    func defaultsAreExplicit() throws {
        let files = try documents(ConfigDump.yaml(ConfigFixture().load()))
        #expect(Set(files.keys) == [
            "region.yaml", "methodology/344n-2024.yaml", "sectors/mini/sector.yaml", "sectors/mini/questionnaire.yaml",
            "sectors/mini/checklists.yaml", "sectors/mini/indicators.yaml",
        ])
        let region = try #require(try Yams.load(yaml: files["region.yaml"]!) as? [String: Any])
        let policies = try #require(region["policies"] as? [String: Any])
        #expect(policies["zero_denominator"] as? String == "zero")
        #expect(policies["rounding"] as? String == "each_step")
        #expect(policies["decimals"] as? Int == 2)
        #expect(policies["ties"] as? String == "shared")
        #expect(policies["branches"] as? String == "separate")
        let sample = try #require(policies["minimum_sample"] as? [String: Any])
        #expect(sample["share_of_recipients"] as? Double == 0.4)
        #expect(sample["maximum"] as? Int == 600)
        let bands = try #require(policies["rating_bands"] as? [[String: Any]])
        #expect(bands.map { $0["title"] as? String } == ["отлично", "хорошо", "удовлетворительно", "ниже среднего", "неудовлетворительно"])

        let indicators = files["sectors/mini/indicators.yaml"]!
        #expect(indicators.contains("positive:\n"))
        #expect(indicators.contains("id: \"1.1\""), "ids that look like numbers stay quoted")
        #expect(files["sectors/mini/checklists.yaml"]!.contains("shortcoming: 'Отсутствует (Стенд): Наименование'")
            || files["sectors/mini/checklists.yaml"]!.contains("shortcoming: \"Отсутствует (Стенд): Наименование\""))
    }

    @Test("The dump of the shipped Configs, written back as files, loads into the same configuration")
    func roundTrip() throws {
        let original = try ConfigLoader(directory: RepositoryPaths.configs).load()
        let dump = try ConfigDump.yaml(original)
        let reloaded = try ConfigLoader(directory: write(documents(dump))).load()
        #expect(reloaded.region == original.region)
        #expect(reloaded.methodologies == original.methodologies)
        #expect(reloaded.sectors == original.sectors)
        #expect(!dump.contains("\\u04"), "Cyrillic is written as text, not escaped")
    }

    @Test("--sector keeps that sector and the extra criteria over it")
    func oneSector() throws {
        let fixture = try ConfigFixture(["region.yaml": ConfigFixture.regionWithHeads, "extra-criteria/heads.yaml": ConfigFixture.heads])
        let bundle = try fixture.load()
        let files = try documents(ConfigDump.yaml(bundle, sectors: ["mini"]))
        #expect(files["extra-criteria/heads.yaml"] != nil)
        let reloaded = try ConfigLoader(directory: write(files)).load()
        #expect(reloaded.region == bundle.region)
        #expect(reloaded.sectors == bundle.sectors)
        #expect(try documents(ConfigDump.yaml(bundle, sectors: ["other"])).keys.sorted() == ["methodology/344n-2024.yaml", "region.yaml"])
    }
}
