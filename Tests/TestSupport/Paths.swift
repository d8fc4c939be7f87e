public import Foundation

/// Locations in the repository, found from this source file so tests run from any directory.
public enum RepositoryPaths {
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let configs = root.appendingPathComponent("Configs")
    public static let demo = configs.appendingPathComponent("demo")
    public static let fixtures = root.appendingPathComponent("Tests/Fixtures")
    /// The YAML-only fourth sector used to prove that a sector needs no Swift.
    public static let healthcareSector = fixtures.appendingPathComponent("sectors/healthcare")

    /// A fresh temporary directory for one test.
    public static func temporaryDirectory(_ label: String = "opennok") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
