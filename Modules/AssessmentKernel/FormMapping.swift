/// How an export of a generic form service (Yandex Forms, Google Forms) maps onto OpenNOK's
/// questionnaire: which column is the institution, which columns are which questions.
public struct FormMapping: Sendable, Equatable {
    public var title: String
    /// Column holding the institution; `organizationValues` maps its texts (names as the form lists them)
    /// to registry codes. Without values, the column must hold the codes themselves.
    public var organizationColumn: String
    public var organizationValues: [String: OrganizationID]
    /// Column with a unique answer id; without it, rows are numbered within the file.
    public var responseIDColumn: String?
    /// The channel of every row (`web` for an online form).
    public var channel: String
    /// Export column header → question id.
    public var columns: [String: QuestionID]
    /// Export columns to skip on purpose (time stamps, e-mail).
    public var ignored: [String]

    public init(title: String, organizationColumn: String, organizationValues: [String: OrganizationID] = [:],
                responseIDColumn: String? = nil, channel: String = "web", columns: [String: QuestionID], ignored: [String] = []) {
        self.title = title
        self.organizationColumn = organizationColumn
        self.organizationValues = organizationValues
        self.responseIDColumn = responseIDColumn
        self.channel = channel
        self.columns = columns
        self.ignored = ignored
    }
}
