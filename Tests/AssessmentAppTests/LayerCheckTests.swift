import Foundation
import Testing
import TestSupport

@Suite("Layer check script")
struct LayerCheckTests {
    func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", RepositoryPaths.root.appendingPathComponent("Scripts/check-layers.py").path] + arguments
        process.currentDirectoryURL = RepositoryPaths.root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("Forbidden arrows are reported: kernel on Yams, a plugin on an adapter, an executable past the root")
    func forbiddenArrows() throws {
        let result = try run([RepositoryPaths.fixtures.appendingPathComponent("layers/forbidden-arrows.json").path])
        #expect(result.status == 1)
        #expect(result.output.contains("AssessmentKernel depends on Yams"))
        #expect(result.output.contains("Culture depends on AssessmentConfig"))
        #expect(result.output.contains("nok-report depends on AssessmentKernel"))
    }
}
