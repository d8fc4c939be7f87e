import Foundation
import Testing

/// Runs a Python 3 script with an independent reader (openpyxl, python-docx) and returns its stdout.
enum PythonReader {
    static var python: String? {
        ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Installs the PyPI package when it is missing (Scripts/test.sh installs it up front).
    static func ensure(module: String, package: String) throws {
        guard let python else { return }
        if try run(python, ["-c", "import \(module)"]).status == 0 { return }
        _ = try run(python, ["-m", "pip", "install", "--quiet", package])
        if try run(python, ["-c", "import \(module)"]).status == 0 { return }
        _ = try run(python, ["-m", "pip", "install", "--quiet", "--break-system-packages", package])
    }

    static func script(_ source: String, arguments: [String]) throws -> (status: Int32, output: String) {
        guard let python else { return (127, "") }
        return try run(python, ["-c", source] + arguments)
    }

    private static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
