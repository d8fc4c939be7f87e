public import AssessmentKernel
public import Foundation

/// Loads a column-mapping file for a form export, strictly, like every config file.
public struct FormMappingLoader: Sendable {
    public let url: URL

    public init(url: URL) { self.url = url }

    public func load() throws(ConfigErrors) -> FormMapping {
        let log = DiagnosticLog()
        let mapping = YAMLFile(url: url, log: log).flatMap { Self.read($0) }
        guard log.diagnostics.isEmpty, let mapping else { throw ConfigErrors(diagnostics: log.diagnostics) }
        return mapping
    }

    static let channels = ["web", "paper", "interview", "phone"]

    static func read(_ file: YAMLFile) -> FormMapping? {
        guard let document = file.document(allowed: ["title", "organization", "response_id", "channel", "columns", "ignore"]) else { return nil }
        let title = document.required("title")?.text()
        var organizationColumn: String?
        var organizationValues: [String: OrganizationID] = [:]
        if let node = document.required("organization"), let fields = node.mapping(allowed: ["column", "values"]) {
            organizationColumn = fields.required("column")?.text()
            for (key, value) in fields.optional("values")?.pairs() ?? [] {
                if let text = key.text(), let id = value.identifier() { organizationValues[text] = OrganizationID(id) }
            }
        }
        let responseID = document.optional("response_id")?.mapping(allowed: ["column"])?.required("column")?.text()
        var channel = "web"
        if let node = document.optional("channel"), let text = node.string() {
            if channels.contains(text) { channel = text } else { node.error("неизвестный канал «\(text)»; допустимы: \(channels.joined(separator: ", "))") }
        }
        var columns: [String: QuestionID] = [:]
        for (key, value) in document.required("columns")?.pairs() ?? [] {
            guard let header = key.text(), let id = value.identifier() else { continue }
            if columns[header] != nil { key.error("столбец «\(header)» уже сопоставлен") }
            columns[header] = QuestionID(id)
        }
        let ignored = document.optional("ignore")?.sequence()?.compactMap { $0.text() } ?? []
        guard let title, let organizationColumn else { return nil }
        return FormMapping(title: title, organizationColumn: organizationColumn, organizationValues: organizationValues,
                           responseIDColumn: responseID, channel: channel, columns: columns, ignored: ignored)
    }
}
