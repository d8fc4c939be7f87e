import AssessmentFiles
import Foundation
import Testing
import TestSupport

@Suite("A file that is not there")
struct MissingFileTests {
    @Test("A missing file is said in Russian with its name, not in Foundation's English")
    func missing() throws {
        let path = try RepositoryPaths.temporaryDirectory("missing").appendingPathComponent("нет.csv")
        let error = try #require(throws: DataFileError.self) { _ = try OrganizationsFile.read(path) }
        #expect(error.problems.map(\.description) == ["\(path.path): файл не удалось открыть: такого файла нет — проверьте имя и папку"])
    }
}
