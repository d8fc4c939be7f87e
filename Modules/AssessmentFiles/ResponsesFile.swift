public import AssessmentKernel
public import Foundation

/// `responses.csv`: one questionnaire per row (wide format), columns named by question id.
public struct ResponsesFile {
    static let fixedColumns = ["response_id", "organization_id", "channel"]

    /// Channel codes with the Russian words operators use.
    static let channels: [String: String] = [
        "web": "web", "сайт": "web", "онлайн": "web", "интернет": "web",
        "paper": "paper", "бумага": "paper", "бумажная": "paper", "анкета": "paper",
        "interview": "interview", "интервью": "interview",
        "phone": "phone", "телефон": "phone", "телефонный опрос": "phone",
    ]

    /// Folds every row straight into its organisation's tallies: the file is never held as rows.
    public static func read(_ url: URL, organizations: [Organization], questions: [SectorID: [Question]]) throws(DataFileError)
        -> (tallies: [OrganizationID: ResponseTallier], suggestions: [OrganizationID: [String]], format: DetectedFormat, rows: Int)
    {
        var table = try CSVTable(url: url)
        var problems = ProblemList(file: url.path)
        var allQuestions: [QuestionID: Question] = [:]
        for list in questions.values { for question in list { allQuestions[question.id] = allQuestions[question.id] ?? question } }
        let column = table.columns(required: fixedColumns, optional: allQuestions.keys.map(\.rawValue).sorted(), problems: &problems)
        try problems.check()

        let organizationByID = Dictionary(organizations.map { ($0.id, $0) }) { first, _ in first }
        let questionColumns = column.filter { !fixedColumns.contains($0.key) }.sorted { $0.value < $1.value }
        let sectorQuestionIDs = questions.mapValues { Set($0.map(\.id)) }
        var talliers: [OrganizationID: ResponseTallier] = [:]
        var suggestions: [OrganizationID: [String]] = [:]
        var seenIDs: [String: Int] = [:]
        var rows = 0
        while let (line, row) = table.next() {
            rows += 1
            let responseID = row.cell(column["response_id"])
            if !responseID.isEmpty {
                if let earlier = seenIDs[responseID] {
                    problems.add(line: line, field: "response_id", value: responseID, "анкета с этим номером уже есть в строке \(earlier)")
                }
                seenIDs[responseID] = seenIDs[responseID] ?? line
            }
            let organizationText = row.cell(column["organization_id"])
            guard let organization = organizationByID[OrganizationID(organizationText)] else {
                problems.add(line: line, field: "organization_id", value: organizationText, "нет организации с таким кодом в файле организаций")
                continue
            }
            let channelText = row.cell(column["channel"])
            if channels[channelText.lowercased()] == nil {
                problems.add(line: line, field: "channel", value: channelText, "ожидалось web, paper, interview или phone (сайт, бумага, интервью, телефон)")
            }
            let asked = sectorQuestionIDs[organization.sector] ?? []
            var answers: [QuestionID: String] = [:]
            for (name, index) in questionColumns {
                let raw = row.cell(index)
                guard !raw.isEmpty else { continue }
                let id = QuestionID(name)
                guard asked.contains(id), let question = allQuestions[id] else {
                    problems.add(line: line, field: name, value: raw, "вопроса нет в анкете сферы «\(organization.sector)»; ячейка должна быть пустой")
                    continue
                }
                switch AnswerNormalizer.normalize(raw, for: question) {
                case .success(let code):
                    if question.answer == .text {
                        suggestions[organization.id, default: []].append(code)
                    } else {
                        answers[id] = code
                    }
                case .failure(let expected):
                    problems.add(line: line, field: name, value: raw, expected.message)
                }
            }
            guard problems.isEmpty else { continue }
            talliers[organization.id, default: ResponseTallier(questions: questions[organization.sector] ?? [])].add(answers)
        }
        try problems.check()
        return (talliers, suggestions, table.format, rows)
    }
}
