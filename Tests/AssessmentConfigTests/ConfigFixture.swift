import Foundation
import TestSupport

/// A minimal valid config tree in a fresh temporary folder; a test replaces one file to break it.
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

    let root: URL

    /// Writes the tree; `overrides` maps a path inside it (e.g. "sectors/mini/indicators.yaml") to new text.
    init(_ overrides: [String: String] = [:]) throws {
        root = try RepositoryPaths.temporaryDirectory("config")
        var files = [
            "methodology/344n-2024.yaml": Self.methodology, "region.yaml": Self.region,
            "sectors/mini/sector.yaml": Self.sector, "sectors/mini/questionnaire.yaml": Self.questionnaire,
            "sectors/mini/checklists.yaml": Self.checklists, "sectors/mini/indicators.yaml": Self.indicators,
        ]
        files.merge(overrides) { _, new in new }
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}
