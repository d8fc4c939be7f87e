import ArgumentParser
import AssessmentApp
import Foundation
import Testing
import TestSupport

/// Runs `nok-report` in process with `--output` into a fresh directory and reads what it wrote.
struct ReportRunner {
    let directory: URL

    init() throws {
        directory = try RepositoryPaths.temporaryDirectory("report")
    }

    /// Demo municipality from files, the golden plan, a fixed day.
    static let demoArguments = ["--config-dir", RepositoryPaths.configs.path, "--data", RepositoryPaths.demo.path]
    static let plan = RepositoryPaths.fixtures.appendingPathComponent("golden/inputs/plan.csv").path

    @discardableResult
    func run(_ arguments: [String], output name: String) throws -> Data {
        let url = directory.appendingPathComponent(name)
        var command = try ReportCommand.parseAsRoot(arguments + ["--output", url.path])
        try command.run()
        return try Data(contentsOf: url)
    }

    func text(_ arguments: [String], output name: String) throws -> String {
        String(decoding: try run(arguments, output: name), as: UTF8.self)
    }
}

/// Golden files under Tests/Fixtures/golden; `OPENNOK_UPDATE_GOLDEN=1` rewrites them.
enum Golden {
    static let directory = RepositoryPaths.fixtures.appendingPathComponent("golden")

    static func check(_ name: String, _ actual: Data, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["OPENNOK_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url)
            return
        }
        let expected = try #require(try? Data(contentsOf: url), "Нет эталона \(name): запустите Scripts/update-golden.sh", sourceLocation: sourceLocation)
        guard actual != expected else { return }
        let a = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let e = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
        Issue.record("\(name) отличается от эталона в строке \(line + 1): «\(line < a.count ? a[line] : "")» вместо «\(line < e.count ? e[line] : "")»",
                     sourceLocation: sourceLocation)
    }
}

/// Parses a `nok-report` command line for tests that run a command without reading one output file.
enum ReportCommandParser {
    static func parse(_ arguments: [String]) throws -> any ParsableCommand {
        try ReportCommand.parseAsRoot(arguments)
    }
}
