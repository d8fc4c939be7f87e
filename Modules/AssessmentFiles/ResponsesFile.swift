public import AssessmentKernel
public import Foundation

/// `responses.csv`: one questionnaire per row (wide format), columns named by question id.
public struct ResponsesFile {
    static let fixedColumns = ["response_id", "organization_id", "channel"]
    /// Service columns a file may have: when the questionnaire was filled in, and the rejects file's problems.
    static let optionalColumns = ["submitted_at", RejectsFile.problemsColumn]

    /// Streams the file and folds every row straight into its organisation's `ResponseTallier`:
    /// the rows are never held. `questions[sector]` already holds the extra criteria's questions.
    /// Every organisation gets a tallier, with 0 respondents when no row names it.
    public static func read(_ url: URL, organizations: [Organization], questions: [SectorID: [Question]]) throws(DataFileError)
        -> (tallies: [OrganizationID: ResponseTallier], suggestions: [OrganizationID: [String]], format: DetectedFormat, rows: Int)
    {
        var talliers = Dictionary(organizations.map { ($0.id, ResponseTallier(questions: questions[$0.sector] ?? [])) }) { first, _ in first }
        var suggestions: [OrganizationID: [String]] = [:]
        let (format, rows) = try visit(url, organizations: organizations, questions: questions) { response in
            talliers[response.organization]?.add(response.answers)
            if !response.suggestions.isEmpty { suggestions[response.organization, default: []].append(contentsOf: response.suggestions) }
        }
        return (talliers, suggestions, format, rows)
    }

    /// Streams the file and hands every valid row to `body` as it is read. The file is checked to its
    /// end before this returns: when it throws, rows already handed over must be discarded (a store
    /// does this by running the whole visit inside one transaction).
    ///
    /// With `rejected`, a row with problems goes there instead of failing the file (`--skip-invalid`);
    /// problems of the header still fail it.
    public static func visit(_ url: URL, organizations: [Organization], questions: [SectorID: [Question]],
                             rejected: ((RejectedRow) -> Void)? = nil,
                             _ body: (ParsedResponse) throws -> Void) throws(DataFileError) -> (format: DetectedFormat, rows: Int)
    {
        let reader = try CSVRecordReader(url)
        var problems = ProblemCollector(file: reader.file, format: reader.format)
        let sectorList = questions.keys.map(\.rawValue).sorted().joined(separator: ", ")
        guard let header = reader.next() else {
            throw DataFileError(problems: [DataFileProblem(
                file: reader.file, line: 0,
                message: "файл пуст: ожидалась строка заголовка со столбцами \(fixedColumns.joined(separator: ", ")) и кодами вопросов")])
        }
        let knownQuestions = Set(questions.values.flatMap { $0.map(\.id.rawValue) })
        let column = HeaderColumns(
            header, required: fixedColumns,
            recognise: { name in
                (fixedColumns + optionalColumns).first { $0 == name.lowercased() } ?? (knownQuestions.contains(name) ? name : nil)
            },
            unknownMessage: "столбец не служебный и не код вопроса анкеты ни одной из сфер (\(sectorList)): "
                + "ожидались \(fixedColumns.joined(separator: ", ")) и коды вопросов",
            problems: &problems)
        guard column.contains(all: fixedColumns) else { throw problems.error }

        let questionColumns: [(position: Int, id: QuestionID)] = column.index
            .filter { !fixedColumns.contains($0.key) && !optionalColumns.contains($0.key) }
            .map { ($0.value, QuestionID($0.key)) }
            .sorted { $0.position < $1.position }
        let questionsBySector = questions.mapValues { list in Dictionary(list.map { ($0.id, $0) }) { first, _ in first } }
        let organizationByID = Dictionary(organizations.map { ($0.id, $0) }) { first, _ in first }
        var lineOfResponse: [String: Int] = [:]
        var rows = 0
        var normalizer = MemoizedNormalizer()

        while let record = reader.next() {
            rows += 1
            let problemsBefore = problems.count
            defer {
                if let rejected, problems.count > problemsBefore {
                    rejected(RejectedRow(header: header.fields, fields: record.fields, problems: problems.take(since: problemsBefore)))
                }
            }
            guard column.checkShape(record, problems: &problems) else { continue }

            let responseID = record[column["response_id"]]
            if responseID.isEmpty {
                problems.add(line: record.line, field: "response_id", "значение не заполнено: ожидался номер анкеты")
            } else if let earlier = lineOfResponse[responseID] {
                problems.add(line: record.line, field: "response_id", value: responseID,
                             "номер анкеты повторяется: он уже указан в строке \(earlier)")
            } else {
                lineOfResponse[responseID] = record.line
            }
            let channel = record[column["channel"]]
            if channel.isEmpty {
                problems.add(line: record.line, field: "channel", "значение не заполнено: " + CellVocabulary.channelExpectation)
            } else if CellVocabulary.channel(channel) == nil {
                problems.add(line: record.line, field: "channel", value: channel, CellVocabulary.channelExpectation)
            }
            var submittedAt: String?
            if let position = column["submitted_at"], !record[position].isEmpty {
                submittedAt = TimestampCell.normalize(record[position])
                if submittedAt == nil {
                    problems.add(line: record.line, field: "submitted_at", value: record[position], TimestampCell.expectation)
                }
            }
            let organizationText = record[column["organization_id"]]
            guard let organization = problems.organization(organizationText, line: record.line, in: organizationByID) else { continue }

            let asked = questionsBySector[organization.sector] ?? [:]
            var answers: [QuestionID: String] = [:]
            var texts: [String] = []
            var comments: [QuestionID: String] = [:]
            for (position, id) in questionColumns {
                let raw = record[position]
                guard !raw.isEmpty else { continue }
                guard let question = asked[id] else {
                    problems.add(line: record.line, field: id.rawValue, value: raw,
                                 "вопроса нет в анкете сферы «\(organization.sector)» (организация «\(organization.id)»): ожидалась пустая ячейка")
                    continue
                }
                switch normalizer.normalize(raw, for: question, sector: organization.sector) {
                case .success(let code) where question.answer == .text:
                    if AnswerNormalizer.isMeaningfulSuggestion(code) {
                        texts.append(code)
                        comments[id] = code
                    }
                case .success(let code):
                    answers[id] = code
                case .failure(let expected):
                    problems.add(line: record.line, field: id.rawValue, value: raw, expected.message)
                }
            }
            guard problems.count == problemsBefore, let code = CellVocabulary.channel(channel) else { continue }
            do {
                try body(ParsedResponse(line: record.line, externalID: responseID, organization: organization.id,
                                        channel: code, answers: answers, suggestions: texts, comments: comments,
                                        submittedAt: submittedAt))
            } catch {
                problems.add(line: record.line, "строку не удалось сохранить: \(error.localizedDescription)")
            }
        }
        if let readError = reader.readError { problems.add(line: 0, readError) }
        try problems.check()
        return (reader.format, rows)
    }
}

/// One valid questionnaire row, its answers normalised to codes.
public struct ParsedResponse: Sendable {
    public var line: Int
    public var externalID: String
    public var organization: OrganizationID
    /// `web`, `paper`, `interview` or `phone`.
    public var channel: String
    public var answers: [QuestionID: String]
    public var suggestions: [String]
    /// Meaningful free-text answers by question, kept with the response.
    public var comments: [QuestionID: String]
    /// ISO date or date-time from `submitted_at`, when the file has it.
    public var submittedAt: String?
}

/// `AnswerNormalizer.normalize` remembered per sector and question: a file has a handful of spellings per question
/// («да», «Да», «1»…) in a million cells, and normalising each cell anew was a quarter of the import
/// (docs/BENCHMARKS.md). Free text is never remembered; each question keeps at most `limit` spellings,
/// so a file full of distinct bad values cannot grow it without bound.
struct MemoizedNormalizer {
    private var known: [SectorID: [QuestionID: [String: Result<String, Expected>]]] = [:]
    private let limit = 256

    mutating func normalize(_ raw: String, for question: Question, sector: SectorID) -> Result<String, Expected> {
        if question.answer == .text { return AnswerNormalizer.normalize(raw, for: question) }
        if let result = known[sector]?[question.id]?[raw] { return result }
        let result = AnswerNormalizer.normalize(raw, for: question)
        if known[sector]?[question.id]?.count ?? 0 < limit { known[sector, default: [:]][question.id, default: [:]][raw] = result }
        return result
    }
}
