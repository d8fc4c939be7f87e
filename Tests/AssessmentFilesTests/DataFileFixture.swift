import AssessmentFiles
import AssessmentKernel
import Foundation
import Testing
import TestSupport

/// A temporary folder with data files written as a test needs them, plus a tiny two-sector setup.
struct DataFileFixture {
    let directory: URL

    init() throws { directory = try RepositoryPaths.temporaryDirectory("opennok-files") }

    /// Writes `text` in the given encoding (with a UTF-8 byte-order mark if asked) and returns its URL.
    @discardableResult
    func write(_ name: String, _ text: String, encoding: String.Encoding = .utf8, bom: Bool = false) throws -> URL {
        let url = directory.appendingPathComponent(name)
        var data = Data(bom ? [0xEF, 0xBB, 0xBF] : [])
        data.append(try #require(text.data(using: encoding)))
        try data.write(to: url)
        return url
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    // MARK: A culture and an education sector

    static let organizations = [
        Organization(id: "lib", name: "Центральная библиотека", sector: "culture", type: "library"),
        Organization(id: "lib-2", name: "Сельская библиотека", sector: "culture", type: "library", parent: "lib"),
        Organization(id: "school", name: "Школа № 1", sector: "education", type: "school"),
    ]

    static let culture: [Question] = StandardSector.questions(timeliness: false) + [
        Question(id: "sex", text: "Ваш пол", answer: .choice([
            AnswerOption(id: "male", text: "Мужской"), AnswerOption(id: "female", text: "Женский"),
        ])),
        Question(id: "age", text: "Ваш возраст", answer: .number(min: 14, max: 120)),
    ]
    /// Education has no `sex` question, so a culture-only column exists.
    static let education: [Question] = StandardSector.questions(timeliness: false) + [
        Question(id: "age", text: "Ваш возраст", answer: .number(min: 14, max: 120)),
        Question(id: "edu_extra", text: "Доп. вопрос", answer: .yesNo),
    ]
    static let questions: [SectorID: [Question]] = ["culture": culture, "education": education]

    static let checklists: [SectorID: [Checklist]] = [
        "culture": [StandardSector.checklist("stand", 4, source: .stand), StandardSector.checklist("website", 5, source: .website)],
        "education": [StandardSector.checklist("stand", 3, source: .stand), StandardSector.checklist("heads_meeting", 2)],
    ]

    /// The problems a read throws, as their descriptions; empty when the read succeeds.
    static func problems(_ read: () throws -> Void) -> [String] {
        do {
            try read()
            return []
        } catch let error as DataFileError {
            return error.problems.map(\.description)
        } catch {
            return ["не DataFileError: \(error)"]
        }
    }
}
