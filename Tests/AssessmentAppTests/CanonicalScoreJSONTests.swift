import AssessmentApp
import AssessmentKernel
import AssessmentStorage
import Foundation
import Testing
import TestSupport

/// The hand-written canonical JSON must give JSONEncoder's bytes: stored runs and approved versions hash them.
@Suite("Canonical JSON of scores")
struct CanonicalScoreJSONTests {
    let environment: AppEnvironment

    init() throws {
        environment = try AppEnvironment(configDirectory: RepositoryPaths.configs)
    }

    /// What `score` stored before the hand-written writer: Foundation's encoder with the canonical options.
    static func encoded<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    @Test("Every score of the demo campaign, units and branch means, is written as JSONEncoder writes it")
    func demoScores() throws {
        let campaign = try ScoredCampaign.load(from: RepositoryPaths.demo, environment: environment)
        #expect(campaign.unitScores.count == 30)
        for score in campaign.unitScores + campaign.scores {
            #expect(try CanonicalScoreJSON.encode(score) == Self.encoded(score), "\(score.organization.id)")
        }
    }

    @Test("The whole canonical array, its hash, and the streamed digest agree with JSONEncoder")
    func digest() throws {
        let campaign = try ScoredCampaign.load(from: RepositoryPaths.demo, environment: environment)
        let expected = try Self.encoded(campaign.unitScores)
        let (payload, hash) = try ResultsDigest.make(campaign)
        #expect(payload == expected)
        #expect(hash == ContentHash.sha256(of: Data(expected.utf8)))
        var streamed = ResultsDigest()
        for score in campaign.unitScores { try streamed.add(score) }
        #expect(streamed.finalize() == hash)
        // Each element is written once, indented for its place in the array: the elements joined with their
        // separators are the canonical text, and each alone decodes to its score.
        var joined: [UInt8] = []
        for (offset, score) in campaign.unitScores.enumerated() {
            var writer = CanonicalScoreJSON(depth: 1)
            try writer.write(score)
            joined += Array((offset == 0 ? "[\n  " : ",\n  ").utf8) + writer.bytes
            #expect(try JSONDecoder().decode(OrganizationScore.self, from: Data(writer.bytes)) == score)
        }
        joined += Array("\n]\n".utf8)
        #expect(String(decoding: joined, as: UTF8.self) == expected)
        #expect(ResultsDigest().finalize() == ContentHash.sha256(of: Data(try Self.encoded([OrganizationScore]()).utf8)))
    }

    @Test("Escaping, every optional field, empty lists and awkward doubles", arguments: [
        "", "обычный текст «ёлки» — да", "quote \" backslash \\ slash / end", "\u{0}\u{1}\u{7}\u{8}\t\n\u{b}\u{c}\r\u{e}\u{1b}\u{1f} \u{7f}",
        "emoji 👩‍👩‍👧 and \u{2028}\u{2029} and é (e\u{301})",
    ])
    func edgeCases(text: String) throws {
        // Kernel scores have no public initialiser: a demo score with shortcomings and flags is the template.
        let campaign = try ScoredCampaign.load(from: RepositoryPaths.demo, environment: environment)
        let template = try #require(campaign.unitScores.first { !$0.shortcomings.isEmpty && !$0.flags.isEmpty && !$0.extra.isEmpty })
        let doubles: [Double] = [0, -0.0, 1, 0.1, 1e-7, 2.5e-5, 1e16, 1e15, 1e21, 5e-324, 33.333333333333336, 199.95999999999998,
                                 -1.9999000000000002, 123456789.125, Double.greatestFiniteMagnitude]
        let leaf = Explanation(subject: text, value: 0.30000000000000004, rule: text + "/" + text,
                               facts: doubles.map { Fact(.numerator, $0) }, notes: [text, ""])
        let empty = Explanation(subject: "", value: nil, rule: "")
        let tree = Explanation(subject: "корень " + text, value: 55.5, rule: "r", notes: [], children: [leaf, empty, leaf])
        let full = Organization(
            id: OrganizationID("org/\(text)"), name: text, shortName: text, sector: "culture", type: "museum", kind: "kind",
            founder: text, parent: "p", recipients: 1200, inn: "7707083893", ogrn: "1027700132195", address: text,
            website: "https://example.org/a/b", head: text, phone: "+7 (800) 000-00-00", email: "a@b.ru", active: false)
        let bare = Organization(id: "x", name: "Имя", sector: "education")
        for (organization, optionalsSet) in [(full, true), (bare, false)] {
            var score = template
            score.organization = organization
            score.respondents = optionalsSet ? 42 : 0
            score.sample = SampleCheck(required: optionalsSet ? 100 : nil, actual: 42, status: optionalsSet ? .insufficient : .unknown)
            score.indicators[0].title = text
            score.indicators[0].value = optionalsSet ? 12.34 : nil
            score.indicators[0].explanation = tree
            score.criteria[0].title = text
            score.criteria[0].applied = optionalsSet
            score.criteria[0].value = optionalsSet ? 1e-7 : nil
            score.criteria[0].explanation = tree
            score.total = optionalsSet ? 99.99 : nil
            score.band = optionalsSet ? text : nil
            score.totalExplanation = optionalsSet ? tree : empty
            score.extra[0].title = text
            score.extra[0].value = optionalsSet ? 50 : nil
            score.extra[0].explanation = leaf
            score.regionalIndex = optionalsSet ? 77.7 : nil
            var shortcoming = score.shortcomings[0]
            shortcoming.text = text
            shortcoming.measure = text
            shortcoming.value = optionalsSet ? 3 : nil
            shortcoming.checklist = optionalsSet ? "c" : nil
            shortcoming.item = optionalsSet ? "i" : nil
            shortcoming.criterion = optionalsSet ? "K1" : nil
            shortcoming.indicator = optionalsSet ? "1.1" : nil
            score.shortcomings = optionalsSet ? [shortcoming, score.shortcomings[0]] : []
            score.flags[0].message = text
            if !optionalsSet { score.flags = [] }
            #expect(try CanonicalScoreJSON.encode(score) == Self.encoded(score))
            let decoded = try JSONDecoder().decode(OrganizationScore.self, from: Data(try CanonicalScoreJSON.encode(score).utf8))
            #expect(decoded == score)
        }
    }

    @Test("A number JSON cannot hold is refused, as the encoder refuses it")
    func nonFinite() throws {
        var score = try #require(try ScoredCampaign.load(from: RepositoryPaths.demo, environment: environment).unitScores.first)
        score.total = .infinity
        #expect(throws: (any Error).self) { try Self.encoded(score) }
        #expect(throws: CanonicalJSONError.self) { try CanonicalScoreJSON.encode(score) }
    }
}
