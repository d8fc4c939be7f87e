import AssessmentFiles
import AssessmentKernel
import Foundation
import Testing
import TestSupport

/// The demo municipality's organisations read without problems (the other two files need the sector
/// configs and are read end to end by the app's campaign tests).
@Suite("Demo municipality files")
struct DemoDataTests {
    @Test("organizations.csv: 30 institutions over three sectors, a branch, a theatre")
    func organizations() throws {
        let (organizations, format) = try OrganizationsFile.read(RepositoryPaths.demo.appendingPathComponent("organizations.csv"))
        #expect(format == DetectedFormat(encoding: .utf8, delimiter: ","))
        #expect(organizations.count == 30)
        let perSector = Dictionary(grouping: organizations, by: \.sector).mapValues(\.count)
        #expect(perSector == ["culture": 12, "education": 10, "social-services": 8])
        #expect(organizations.contains { $0.parent != nil })
        #expect(organizations.contains { $0.type == "theatre" })
        #expect(organizations.allSatisfy { $0.recipients != nil && $0.founder != nil })
    }
}
