import ArgumentParser
import AssessmentApp
import Foundation
import TestSupport

/// The demo municipality stored twice through `nok-admin`: campaign 2024 from the demo files, campaign 2025
/// (planned from Kaspiysk's template) with a changed check-list file (every item of cul-03 present, every item of edu-02 missing,
/// the auditor of cul-06's items) and the same
/// answers under new questionnaire numbers, in a fresh database of its own.
struct StoredCampaigns {
    let directory: URL
    let database: String
    /// The 2025 data as files, for scoring the same campaign independently of the database.
    let files2025: URL

    static let improved = "cul-03", worsened = "edu-02"
    /// Its check-list rows of 2025 say who checked them, when, and on what evidence.
    static let audited = "cul-06", audit = "Петрова <А.> В.,14.05.2025,\"Фото стенда, сайт & акт\""

    /// `previousData: false` leaves campaign 2024 without data, for tests that only need it to exist (faster).
    init(scoreFirst: Bool = true, previousData: Bool = true) throws {
        directory = try RepositoryPaths.temporaryDirectory("stored-report")
        database = directory.appendingPathComponent("db.sqlite").path
        files2025 = directory.appendingPathComponent("2025", isDirectory: true)
        try FileManager.default.createDirectory(at: files2025, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: RepositoryPaths.demo.appendingPathComponent("organizations.csv"),
                                         to: files2025.appendingPathComponent("organizations.csv"))
        // The same answers under this year's questionnaire numbers (the store refuses a file it has seen before).
        let responses = try String(contentsOf: RepositoryPaths.demo.appendingPathComponent("responses.csv"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { index, line in index == 0 || line.isEmpty ? String(line) : "y25-" + line }
        try responses.joined(separator: "\n").write(to: files2025.appendingPathComponent("responses.csv"), atomically: true, encoding: .utf8)
        let lines = try String(contentsOf: RepositoryPaths.demo.appendingPathComponent("checklists.csv"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line -> String in
                if index == 0 { return String(line) + ",auditor,checked_on,evidence" }
                if line.isEmpty { return String(line) }
                if line.hasPrefix(Self.improved + ",") { return String(line.dropLast()) + "1,,," }
                if line.hasPrefix(Self.worsened + ",") { return String(line.dropLast()) + "0,,," }
                if line.hasPrefix(Self.audited + ",") { return String(line) + "," + Self.audit }
                return String(line) + ",,,"
            }
        try lines.joined(separator: "\n").write(to: files2025.appendingPathComponent("checklists.csv"), atomically: true, encoding: .utf8)

        try admin(["init"], config: false)
        try admin(["registry", "import", RepositoryPaths.demo.appendingPathComponent("organizations.csv").path])
        for (year, folder) in [("2024", RepositoryPaths.demo), ("2025", files2025)] {
            try admin(["campaign", "create", "--id", year, "--year", year, "--sectors", "culture", "education", "social-services"]
                      + (year == "2025" ? ["--plan", "kaspiysk"] : []))
            if year == "2024" && !previousData { continue }
            try admin(["import", "checklists", "--campaign", year, folder.appendingPathComponent("checklists.csv").path])
            try admin(["import", "responses", "--campaign", year, folder.appendingPathComponent("responses.csv").path])
        }
        // 2024 keeps stored results, 2025 is scored when a report asks.
        if scoreFirst && previousData { try admin(["score", "--campaign", "2024"]) }
    }

    /// Runs `nok-admin` in process; `init` and the council and stage commands take no --config-dir.
    func admin(_ arguments: [String], config: Bool = true) throws {
        let common = (config ? ["--config-dir", RepositoryPaths.configs.path] : []) + ["--database", database, "--actor", "тест"]
        var command = try AdminCommand.parseAsRoot(arguments + common)
        try command.run()
    }

    /// Arguments of a report over this database.
    var reportArguments: [String] { ["--config-dir", RepositoryPaths.configs.path, "--database", database] }
}
