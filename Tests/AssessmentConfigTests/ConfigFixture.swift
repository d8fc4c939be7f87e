import AssessmentConfig
import AssessmentKernel
import Foundation
import TestSupport

/// A minimal valid config tree in a fresh temporary folder; a test replaces or removes files to break it.
///
/// Line numbers in the tests' expected diagnostics refer to these texts: edit them with care.
struct ConfigFixture {
    static let methodology = """
        schema_version: 1
        id: 344n-2024
        title: Тестовая редакция
        valid_from: 2024-10-05
        criteria:
          - {id: K1, title: Открытость}
          - {id: K2, title: Удовлетворённость}
        total: mean_of_applied
        """
    static let region = """
        schema_version: 1
        name: Тестовый округ
        methodology: 344n-2024
        """
    static let sector = """
        schema_version: 1
        id: mini
        title: Мини
        methodology: [344n-2024]
        types:
          - id: club
            title: Клуб
        """
    static let questionnaire = """
        schema_version: 1
        questions:
          - id: q1
            text: Пользовались стендом?
            answer: yes_no
          - id: q2
            text: Удовлетворены стендом?
            answer: yes_no
            asked_if: {question: q1, answer: yes}
          - id: q3
            text: Удовлетворены в целом?
            answer: yes_no
        """
    static let checklists = """
        schema_version: 1
        checklists:
          - id: stand
            title: Стенд
            source: stand
            items:
              - {id: s1, text: Наименование, measure: Разместить наименование}
              - {id: s2, text: Режим работы, measure: Разместить режим работы}
        """
    static let indicators = """
        schema_version: 1
        criteria:
          - id: K1
            weights: {"1.1": 0.5, "1.3": 0.5}
          - id: K2
            weights: {"2.3": 1}
        indicators:
          - id: "1.1"
            title: Стенд
            value: {checklist_ratio: [stand]}
          - id: "1.3"
            title: Удовлетворённость стендом
            value: {share: {question: q2}}
          - id: "2.3"
            title: Удовлетворённость в целом
            value: {share: {question: q3}}
        """
    /// An extra criterion over the sector `mini`; region.yaml must name it to load it.
    static let heads = """
        schema_version: 1
        id: heads
        title: Руководитель
        sectors: [mini]
        questions:
          - {id: h1, text: Знаете часы приёма?, answer: yes_no}
        indicators:
          - {id: h.1, title: Осведомлённость, value: {share: {question: h1}}}
          - {id: h.2, title: Стенд, value: {checklist_points: {checklist: stand, points_per_item: 50, cap: 100}}}
        weights: {h.1: 0.5, h.2: 0.5}
        """
    /// region.yaml with `heads` and the regional index (lines 4–8).
    static let regionWithHeads = region + """

        extra_criteria: [heads]
        regional_index:
          title: Индекс
          federal_weight: 0.7
          extra_weights: {heads: 0.3}
        """

    let root: URL

    /// Writes the tree; `overrides` maps a path inside it (e.g. "sectors/mini/indicators.yaml") to new
    /// text, `removing` lists paths to leave out.
    init(_ overrides: [String: String] = [:], removing: [String] = []) throws {
        root = try RepositoryPaths.temporaryDirectory("config")
        var files = [
            "methodology/344n-2024.yaml": Self.methodology, "region.yaml": Self.region,
            "sectors/mini/sector.yaml": Self.sector, "sectors/mini/questionnaire.yaml": Self.questionnaire,
            "sectors/mini/checklists.yaml": Self.checklists, "sectors/mini/indicators.yaml": Self.indicators,
        ]
        files.merge(overrides) { _, new in new }
        for path in removing { files[path] = nil }
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// The path as the loader prints it.
    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    func load(extraSectorDirectories: [String] = [], kinds: [String: any CustomIndicatorKind] = [:]) throws(ConfigErrors) -> ConfigBundle {
        try ConfigLoader(directory: root, extraSectorDirectories: extraSectorDirectories.map { root.appendingPathComponent($0) },
                         indicatorKinds: kinds).load()
    }

    /// Every diagnostic as printed, in the loader's order (file, line, column); empty when the tree loads.
    func diagnostics(extraSectorDirectories: [String] = [], kinds: [String: any CustomIndicatorKind] = [:]) -> [String] {
        do {
            _ = try load(extraSectorDirectories: extraSectorDirectories, kinds: kinds)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    /// Writes a tree with `overrides` and returns it with its diagnostics.
    static func diagnostics(_ overrides: [String: String], removing: [String] = [],
                            kinds: [String: any CustomIndicatorKind] = [:]) throws -> (ConfigFixture, [String]) {
        let fixture = try ConfigFixture(overrides, removing: removing)
        return (fixture, fixture.diagnostics(kinds: kinds))
    }
}

extension ConfigFixture {
    /// `text` with `old` replaced; fails loudly when a fixture edit no longer matches.
    static func edit(_ text: String, _ old: String, _ new: String) -> String {
        precondition(text.contains(old), "fixture text not found: \(old)")
        return text.replacingOccurrences(of: old, with: new)
    }
}

/// A Swift indicator kind for the tests: `stars` needs an integer `scale` parameter.
struct StarsKind: CustomIndicatorKind {
    var name: String { "stars" }

    func validate(parameters: [String: String]) -> [String] {
        guard let scale = parameters["scale"] else { return ["нужен параметр scale"] }
        return Int(scale) == nil ? ["scale должен быть целым числом, а задано «\(scale)»"] : []
    }

    func evaluate(parameters: [String: String], data: OrganizationData, policies: ScoringPolicies) -> FormulaResult {
        FormulaResult(value: nil, explanation: Explanation(subject: "Звёзды", value: nil, rule: "не считается в тестах"))
    }
}
