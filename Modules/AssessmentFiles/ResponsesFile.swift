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
        let scanner = try ResponseScanner(url, organizations: organizations, questions: questions)
        let rows = try scanner.scan(rejected: rejected) { row in
            let plan = scanner.plans[row.plan]
            var answers: [QuestionID: String] = [:]
            for (slot, code) in row.codes.enumerated() where code >= 0 {
                answers[plan.questions[slot].id] = scanner.codes.text[Int(code)]
            }
            try body(ParsedResponse(line: row.line, externalID: row.externalID, organization: scanner.organizations[row.organization].id,
                                    channel: row.channel, answers: answers, suggestions: row.texts,
                                    comments: Dictionary(row.comments.map { ($0.question, $0.text) }) { _, last in last }, submittedAt: row.submittedAt))
        }
        return (scanner.reader.format, rows)
    }

    /// The bulk import's reading: every valid row packed as the store keeps it (`PackedResponse`: answers as
    /// sorted JSON, split by the skip logic into counted and ignored) and handed to `sink`, and the file's answer
    /// counts summed here, so nothing per row is a dictionary or a set. The same checks and messages as `visit`;
    /// a row the store refuses is a problem of its line, as in `visit`, though the store may say so only later.
    /// `handedOver` hears how many rows have been handed over so far, after each one.
    public static func visitPacked(_ url: URL, organizations: [Organization], questions: [SectorID: [Question]],
                                   rejected: ((RejectedRow) -> Void)? = nil, into sink: any PackedResponseSink,
                                   handedOver: (_ rows: Int) -> Void = { _ in }) throws(DataFileError)
        -> (format: DetectedFormat, rows: Int, counts: [AnswerCount], respondents: [RespondentCount])
    {
        let scanner = try ResponseScanner(url, organizations: organizations, questions: questions)
        // Under --skip-invalid a row the store refuses is skipped: its answers come off the counts again.
        var packer = ResponsePacker(scanner, remembering: rejected != nil ? sink.maxRowsInFlight + 1 : 0)
        // A file that fails still lets the counting thread go.
        defer { packer.counter.stop() }
        var handed = 0
        let rows = try scanner.scan(rejected: rejected, sink: sink, refused: { packer.uncount(line: $0) }) { row in
            packer.pack(row)
            sink.insert(packer.packed)
            handed += 1
            handedOver(handed)
        }
        return (scanner.reader.format, rows, packer.counts(), packer.respondentCounts())
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

/// Answer codes of a file, numbered as they are first met, each with its JSON string literal.
struct AnswerCodes {
    private(set) var text: [String] = []
    private(set) var json: [[UInt8]] = []
    private var index: [String: Int32] = [:]

    func appendJSON(_ code: Int32, to bytes: inout [UInt8]) { bytes.append(contentsOf: json[Int(code)]) }

    mutating func code(_ value: String) -> Int32 {
        if let found = index[value] { return found }
        let code = Int32(text.count)
        text.append(value)
        json.append(PackedAnswers.quoted(value))
        index[value] = code
        return code
    }
}

/// What the scanner knows of one sector's questionnaire, by position in it ("slot").
struct SectorPlan {
    let sector: SectorID
    let questions: [Question]
    /// Per question column of the file: the slot of its question in this sector, or -1.
    let slotOfColumn: [Int]
    /// Per slot: the slot of the question its filter looks at and the answer code it wants, or nil.
    let filters: [(slot: Int, code: Int32)?]
    /// Slots in the order of their ids (the JSON key order), with each key's JSON text.
    let keyOrder: [Int]
    let keyJSON: [[UInt8]]
    /// Per slot: whether the question takes free text (never memoised, never a code).
    let isText: [Bool]
    /// Memoised spellings per question column: a code (≥ 0) or -1 - the index of what was expected.
    var spellings: [ShortKeyTable]
}

/// One valid row as the scanner hands it over. Valid only during the call.
struct ScannedRow {
    var line = 0
    var externalID = ""
    var organization = 0
    var plan = 0
    var channel = ""
    var submittedAt: String?
    /// Per slot of the organisation's sector: the answer code, or -1 for no answer (text answers are not codes).
    var codes: [Int32] = []
    var texts: [String] = []
    var comments: [(question: QuestionID, text: String)] = []
}

/// The cells of the last rows handed to a store that writes later, kept under --skip-invalid: a row the store
/// refuses goes to the rejects file with its cells as read. Reused buffers, oldest overwritten.
struct RecentRecords {
    private var records: [ByteRecord]
    private var next = 0
    private var filled = 0

    init(capacity: Int) {
        records = Array(repeating: ByteRecord(), count: max(capacity, 0))
    }

    mutating func keep(_ record: ByteRecord) {
        guard !records.isEmpty else { return }
        records[next].reset(line: record.line)
        records[next].bytes.append(contentsOf: record.bytes)
        records[next].starts.append(contentsOf: record.starts)
        records[next].ends.append(contentsOf: record.ends)
        next = (next + 1) % records.count
        filled = min(filled + 1, records.count)
    }

    /// The kept record of `line`; lines grow from one record kept to the next, so a binary search finds it.
    func record(line: Int) -> ByteRecord? {
        guard filled > 0 else { return nil }
        let oldest = (next - filled + records.count) % records.count
        var low = 0, high = filled
        while low < high {
            let middle = (low + high) / 2
            if records[(oldest + middle) % records.count].line < line { low = middle + 1 } else { high = middle }
        }
        guard low < filled, records[(oldest + low) % records.count].line == line else { return nil }
        return records[(oldest + low) % records.count]
    }
}

/// The checks of `responses.csv`, over bytes: every cell is looked at as bytes and normalised through memoised
/// spellings, and only problems, rejected rows and free text become `String`s.
final class ResponseScanner {
    let reader: ByteCSVReader
    let organizations: [Organization]
    let organizationIDs: [String]
    private(set) var plans: [SectorPlan] = []
    private(set) var codes = AnswerCodes()
    private let questions: [SectorID: [Question]]
    private let planOfOrganization: [Int]
    private var organizationTable = ShortKeyTable(capacity: 1024)
    private var organizationByLongID: [String: Int] = [:]

    init(_ url: URL, organizations: [Organization], questions: [SectorID: [Question]]) throws(DataFileError) {
        reader = try ByteCSVReader(url)
        // The first organisation of an id wins, as in a dictionary built with `{ first, _ in first }`.
        var seen = Set<OrganizationID>()
        self.organizations = organizations.filter { seen.insert($0.id).inserted }
        organizationIDs = self.organizations.map(\.id.rawValue)
        self.questions = questions
        var planOf: [SectorID: Int] = [:]
        var sectors: [SectorID] = []
        for organization in self.organizations where planOf[organization.sector] == nil {
            planOf[organization.sector] = sectors.count
            sectors.append(organization.sector)
        }
        planOfOrganization = self.organizations.map { planOf[$0.sector]! }
        sectorOrder = sectors
        for (index, organization) in self.organizations.enumerated() {
            let bytes = Array(organization.id.rawValue.utf8)
            let key = bytes.withUnsafeBufferPointer { ShortKey($0, from: 0, to: $0.count) }
            if let key { organizationTable.insert(key, Int32(index)) } else { organizationByLongID[organization.id.rawValue] = index }
        }
    }

    private let sectorOrder: [SectorID]

    /// Reads the header, then every row; returns the number of non-blank data rows. With a `sink`, `body` hands
    /// rows to it, and the rows it refuses later are problems of their lines as if `body` had thrown for them:
    /// the same problems and rejected rows in the same order.
    /// `refused` hears the line of each row the sink refused and `rejected` took (the row is skipped, not stored).
    func scan(rejected: ((RejectedRow) -> Void)?, sink: (any PackedResponseSink)? = nil, refused: (_ line: Int) -> Void = { _ in },
              _ body: (inout ScannedRow) throws -> Void) throws(DataFileError) -> Int {
        let fixedColumns = ResponsesFile.fixedColumns, optionalColumns = ResponsesFile.optionalColumns
        var problems = ProblemCollector(file: reader.file, format: reader.format)
        let sectorList = questions.keys.map(\.rawValue).sorted().joined(separator: ", ")
        var record = ByteRecord()
        let records = RecordsAhead(reader)
        defer { records.stop() }
        guard records.next(into: &record) else {
            throw DataFileError(problems: [DataFileProblem(
                file: reader.file, line: 0,
                message: "файл пуст: ожидалась строка заголовка со столбцами \(fixedColumns.joined(separator: ", ")) и кодами вопросов")])
        }
        let header = record.strings
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
        plans = sectorOrder.map { makePlan($0, columns: questionColumns.map(\.id)) }
        let responseColumn = column["response_id"]!, channelColumn = column["channel"]!
        let organizationColumn = column["organization_id"]!, submittedColumn = column["submitted_at"]
        let unnamed = column.unnamed

        var lineOfResponse = ShortKeyTable(capacity: 1 << 16)
        var lineOfLongResponse: [String: Int] = [:]
        var channelTable = ShortKeyTable()
        var channelCodes: [String] = []
        var expectations: [Expected] = []
        var normalizer = MemoizedNormalizer()
        var rows = 0
        var row = ScannedRow()

        // A sink's refusals come after later rows were read. Under --skip-invalid the cells of the rows in flight are
        // kept for them, and rejected rows are held and told in line order at the end; otherwise a refusal is a
        // problem added late (ProblemCollector.addLate keeps the cap's choice as in line order).
        var recent = RecentRecords(capacity: rejected != nil ? (sink?.maxRowsInFlight ?? -1) + 1 : 0)
        var heldRejections: [(line: Int, row: RejectedRow)] = []
        var refusedRejections: [(line: Int, row: RejectedRow)] = []
        func reject(_ rejection: RejectedRow, line: Int) {
            if sink == nil { rejected?(rejection) } else { heldRejections.append((line, rejection)) }
        }
        func absorb(_ refusals: [RefusedRow]) {
            for refusal in refusals {
                let message = Self.refusalMessage(refusal.error)
                if rejected != nil {
                    let record = recent.record(line: refusal.line)
                    assert(record != nil, "the cells of a refused row were not kept")
                    refusedRejections.append((refusal.line, RejectedRow(
                        header: header.fields, fields: record?.strings.fields ?? [],
                        problems: [DataFileProblem(file: reader.file, line: refusal.line, message: message)])))
                    refused(refusal.line)
                } else {
                    problems.addLate(line: refusal.line, message)
                }
            }
        }

        while records.next(into: &record) {
            rows += 1
            let line = record.line
            let problemsBefore = problems.count
            defer {
                if rejected != nil, problems.count > problemsBefore {
                    reject(RejectedRow(header: header.fields, fields: record.strings.fields, problems: problems.take(since: problemsBefore)),
                           line: line)
                }
            }
            guard record.count == column.count else {
                problems.add(
                    line: line,
                    "полей в строке — \(record.count), а в заголовке — \(column.count): ожидалось столько же, сколько в заголовке "
                        + "(проверьте разделители и кавычки)")
                continue
            }
            for position in unnamed where !record.isEmpty(position) {
                problems.add(line: line, field: "столбец \(position + 1) без заголовка", value: record.string(position),
                             "значение в столбце без имени: ожидалась пустая ячейка или имя столбца в заголовке")
            }

            var organizationIndex = -1
            let responseKey = record.bytes.withUnsafeBufferPointer {
                ShortKey($0, from: record.starts[responseColumn], to: record.ends[responseColumn])
            }
            let organizationKey = record.bytes.withUnsafeBufferPointer {
                ShortKey($0, from: record.starts[organizationColumn], to: record.ends[organizationColumn])
            }
            if let organizationKey, let found = organizationTable[organizationKey] { organizationIndex = Int(found) }
            let responseID = record.string(responseColumn)
            if responseID.isEmpty {
                problems.add(line: line, field: "response_id", "значение не заполнено: ожидался номер анкеты")
            } else if let responseKey {
                if let earlier = lineOfResponse[responseKey] {
                    problems.add(line: line, field: "response_id", value: responseID, "номер анкеты повторяется: он уже указан в строке \(earlier)")
                } else {
                    lineOfResponse.insert(responseKey, Int32(truncatingIfNeeded: line))
                }
            } else if let earlier = lineOfLongResponse[responseID] {
                problems.add(line: line, field: "response_id", value: responseID, "номер анкеты повторяется: он уже указан в строке \(earlier)")
            } else {
                lineOfLongResponse[responseID] = line
            }
            var channel: String?
            if record.isEmpty(channelColumn) {
                problems.add(line: line, field: "channel", "значение не заполнено: " + CellVocabulary.channelExpectation)
            } else {
                let key = record.bytes.withUnsafeBufferPointer { ShortKey($0, from: record.starts[channelColumn], to: record.ends[channelColumn]) }
                if let key, let known = channelTable[key] {
                    channel = known >= 0 ? channelCodes[Int(known)] : nil
                } else {
                    channel = CellVocabulary.channel(record.string(channelColumn))
                    if let key, channelTable.count < 256 {
                        let code = channel.map { value in
                            channelCodes.firstIndex(of: value) ?? { channelCodes.append(value); return channelCodes.count - 1 }()
                        }
                        channelTable.insert(key, Int32(code ?? -1))
                    }
                }
                if channel == nil {
                    problems.add(line: line, field: "channel", value: record.string(channelColumn), CellVocabulary.channelExpectation)
                }
            }
            var submittedAt: String?
            if let submittedColumn, !record.isEmpty(submittedColumn) {
                let raw = record.string(submittedColumn)
                submittedAt = TimestampCell.normalize(raw)
                if submittedAt == nil { problems.add(line: line, field: "submitted_at", value: raw, TimestampCell.expectation) }
            }
            if organizationIndex < 0 {
                let text = record.string(organizationColumn)
                if text.isEmpty {
                    problems.add(line: line, field: "organization_id", "значение не заполнено: ожидался код организации из файла организаций")
                    continue
                }
                guard let found = organizationByLongID[text] else {
                    problems.add(line: line, field: "organization_id", value: text,
                                 "организация с таким кодом не входит в кампанию (нет в реестре или в файле организаций, либо её сфера не оценивается)")
                    continue
                }
                organizationIndex = found
            }
            let planIndex = planOfOrganization[organizationIndex]
            let slotCount = plans[planIndex].questions.count
            row.codes.removeAll(keepingCapacity: true)
            row.codes.append(contentsOf: repeatElement(-1, count: slotCount))
            row.texts.removeAll(keepingCapacity: true)
            row.comments.removeAll(keepingCapacity: true)

            for (columnIndex, questionColumn) in questionColumns.enumerated() {
                let position = questionColumn.position
                let start = record.starts[position], end = record.ends[position]
                guard start != end else { continue }
                let slot = plans[planIndex].slotOfColumn[columnIndex]
                guard slot >= 0 else {
                    let organization = organizations[organizationIndex]
                    problems.add(line: line, field: questionColumn.id.rawValue, value: record.string(position),
                                 "вопроса нет в анкете сферы «\(organization.sector)» (организация «\(organization.id)»): ожидалась пустая ячейка")
                    continue
                }
                if plans[planIndex].isText[slot] {
                    let question = plans[planIndex].questions[slot]
                    let raw = record.string(position)
                    if case .success(let code) = normalizer.normalize(raw, for: question, sector: plans[planIndex].sector),
                       AnswerNormalizer.isMeaningfulSuggestion(code) {
                        row.texts.append(code)
                        row.comments.append((question.id, code))
                    }
                    continue
                }
                let key = record.bytes.withUnsafeBufferPointer { ShortKey($0, from: start, to: end) }
                if let key, let known = plans[planIndex].spellings[columnIndex][key] {
                    if known >= 0 {
                        row.codes[slot] = known
                    } else {
                        problems.add(line: line, field: questionColumn.id.rawValue, value: record.string(position),
                                     expectations[Int(-1 - known)].message)
                    }
                    continue
                }
                let outcome: Int32
                let question = plans[planIndex].questions[slot]
                switch normalizer.normalize(record.string(position), for: question, sector: plans[planIndex].sector) {
                case .success(let code):
                    outcome = codes.code(code)
                    row.codes[slot] = outcome
                case .failure(let expected):
                    problems.add(line: line, field: questionColumn.id.rawValue, value: record.string(position), expected.message)
                    guard key != nil, plans[planIndex].spellings[columnIndex].count < 256 else { continue }
                    outcome = -1 - Int32(expectations.count)
                    expectations.append(expected)
                }
                if let key, plans[planIndex].spellings[columnIndex].count < 256 {
                    plans[planIndex].spellings[columnIndex].insert(key, outcome)
                }
            }
            guard problems.count == problemsBefore, let channel else { continue }
            row.line = line
            row.externalID = responseID
            row.organization = organizationIndex
            row.plan = planIndex
            row.channel = channel
            row.submittedAt = submittedAt
            do {
                try body(&row)
            } catch {
                problems.add(line: line, Self.refusalMessage(error))
            }
            if let sink {
                recent.keep(record)
                absorb(sink.refusedRows(waitingForAll: false))
            }
        }
        if let sink {
            absorb(sink.refusedRows(waitingForAll: true))
            // Both lists are in line order, and a refused row had no problem of its own.
            var held = heldRejections[...], refused = refusedRejections[...]
            while !held.isEmpty || !refused.isEmpty {
                if let first = refused.first, held.first.map({ first.line < $0.line }) ?? true {
                    rejected?(refused.removeFirst().row)
                } else {
                    rejected?(held.removeFirst().row)
                }
            }
        }
        records.stop()
        if let readError = reader.readError { problems.add(line: 0, readError) }
        try problems.check()
        return rows
    }

    /// The problem of a row the store could not keep.
    static func refusalMessage(_ error: any Error) -> String {
        "строку не удалось сохранить: \(error.localizedDescription)"
    }

    private func makePlan(_ sector: SectorID, columns: [QuestionID]) -> SectorPlan {
        let list = questions[sector] ?? []
        var slotOf: [QuestionID: Int] = [:]
        for (slot, question) in list.enumerated() where slotOf[question.id] == nil { slotOf[question.id] = slot }
        let filters: [(slot: Int, code: Int32)?] = list.map { question in
            guard let filter = question.filter else { return nil }
            // A filter on a question the sector does not have can never be met.
            return (slotOf[filter.question] ?? -1, codes.code(filter.answer))
        }
        let order = list.indices.filter { slotOf[list[$0].id] == $0 }.sorted { list[$0].id.rawValue < list[$1].id.rawValue }
        return SectorPlan(
            sector: sector, questions: list, slotOfColumn: columns.map { slotOf[$0] ?? -1 }, filters: filters,
            keyOrder: order, keyJSON: list.map { PackedAnswers.quoted($0.id.rawValue) },
            isText: list.map { $0.answer == .text }, spellings: columns.map { _ in ShortKeyTable() })
    }
}

/// Packs scanned rows for the store and counts their answers: which questions the skip logic asked
/// (`ResponseTallier.askedQuestions`, over slots), the two JSON objects, a counter per organisation,
/// question, answer and counted-or-not, and one per organisation and channel.
struct ResponsePacker {
    private let scanner: ResponseScanner
    private(set) var packed = PackedResponse()
    private var asked: [Bool] = []
    /// Answer counts, kept on a thread of their own.
    let counter: AnswerCounter
    /// Questionnaires per organisation and channel: `organization * channels.count + channel`.
    private var respondents: [Int]
    private static let channels = SurveyChannel.allCases
    /// First slot number of each plan in one numbering of every sector's questions (the plans exist once the
    /// header is read).
    private var planBase: [Int] = []

    /// The counts of the last rows packed (line, tally keys, respondent slot), for rows the store may still refuse;
    /// a ring.
    private var recentKeys: [(line: Int, keys: [UInt64], respondent: Int)]
    private var nextRecent = 0

    /// `remembering`: how many of the last rows' counts can still be taken back (`uncount`).
    init(_ scanner: ResponseScanner, remembering: Int = 0) {
        self.scanner = scanner
        recentKeys = Array(repeating: (0, [], 0), count: max(remembering, 0))
        respondents = Array(repeating: 0, count: scanner.organizations.count * Self.channels.count)
        counter = AnswerCounter(organizations: scanner.organizations.count)
    }

    /// Takes back the counts of the row of `line`, one of the last rows packed, which the store refused.
    mutating func uncount(line: Int) {
        guard let slot = recentKeys.firstIndex(where: { $0.line == line }) else {
            preconditionFailure("the counts of refused line \(line) were not kept")
        }
        let organization = recentKeys[slot].respondent / Self.channels.count
        for key in recentKeys[slot].keys { counter.takeBack(key, organization: organization) }
        respondents[recentKeys[slot].respondent] -= 1
        recentKeys[slot] = (0, [], 0)
    }

    mutating func pack(_ row: ScannedRow) {
        if planBase.isEmpty {
            var next = 0
            for plan in scanner.plans {
                planBase.append(next)
                next += plan.questions.count
            }
        }
        let plan = scanner.plans[row.plan]
        packed.line = row.line
        packed.bytes.removeAll(keepingCapacity: true)
        packed.externalID = append(row.externalID)
        packed.organization = append(scanner.organizationIDs[row.organization])
        packed.channel = append(row.channel)
        packed.submittedAt = row.submittedAt.map { append($0) }
        packed.comments = row.comments

        asked.removeAll(keepingCapacity: true)
        for (slot, filter) in plan.filters.enumerated() {
            if let filter {
                asked.append(filter.slot >= 0 && filter.slot < slot && asked[filter.slot] && row.codes[filter.slot] == filter.code)
            } else {
                asked.append(true)
            }
        }
        let base = UInt64(planBase[row.plan])
        // The scanner accepts only the four channels.
        guard let channel = Self.channels.firstIndex(where: { $0.rawValue == row.channel }) else {
            preconditionFailure("channel «\(row.channel)» passed the scanner")
        }
        let respondent = row.organization * Self.channels.count + channel
        respondents[respondent] += 1
        let remember = !recentKeys.isEmpty
        if remember {
            recentKeys[nextRecent].line = row.line
            recentKeys[nextRecent].keys.removeAll(keepingCapacity: true)
            recentKeys[nextRecent].respondent = respondent
        }
        for (slot, code) in row.codes.enumerated() where code >= 0 {
            let key = (base + UInt64(slot)) << 24 | UInt64(code) << 1 | (asked[slot] ? 1 : 0)
            counter.add(key, organization: row.organization)
            if remember { recentKeys[nextRecent].keys.append(key) }
        }
        if remember { nextRecent = (nextRecent + 1) % recentKeys.count }
        packed.answers = appendJSON(row, plan, counted: true)
        packed.ignored = appendJSON(row, plan, counted: false)
    }

    /// `{"q1":"yes",…}` of the answers the skip logic counts (or of the others), keys sorted.
    private mutating func appendJSON(_ row: ScannedRow, _ plan: SectorPlan, counted: Bool) -> Range<Int> {
        let start = packed.bytes.count
        packed.bytes.append(UInt8(ascii: "{"))
        var first = true
        for slot in plan.keyOrder where row.codes[slot] >= 0 && asked[slot] == counted {
            if !first { packed.bytes.append(UInt8(ascii: ",")) }
            first = false
            packed.bytes.append(contentsOf: plan.keyJSON[slot])
            packed.bytes.append(UInt8(ascii: ":"))
            scanner.codes.appendJSON(row.codes[slot], to: &packed.bytes)
        }
        packed.bytes.append(UInt8(ascii: "}"))
        return start..<packed.bytes.count
    }

    private mutating func append(_ text: String) -> Range<Int> {
        let start = packed.bytes.count
        packed.bytes.append(contentsOf: text.utf8)
        return start..<packed.bytes.count
    }

    /// The file's questionnaires per organisation and channel, those with none left out.
    func respondentCounts() -> [RespondentCount] {
        respondents.enumerated().compactMap { slot, n in
            n == 0 ? nil : RespondentCount(organization: scanner.organizations[slot / Self.channels.count].id,
                                           channel: Self.channels[slot % Self.channels.count], n: n)
        }
    }

    /// The file's answer counts, ordered by organisation, question, value and counted (the tally table's key),
    /// so the store writes them in key order.
    func counts() -> [AnswerCount] {
        var questionOfSlot: [QuestionID] = []
        for plan in scanner.plans { questionOfSlot += plan.questions.map(\.id) }
        let entries = counter.finish().enumerated().flatMap { organization, counts in
            counts.map { entry -> (organization: Int, question: Int, code: Int, counted: Bool, n: Int) in
                let key = entry.key & ~(1 << 63)
                return (organization, Int((key >> 24) & 0xFFFF), Int((key >> 1) & 0x7FFFFF), key & 1 == 1, entry.count)
            }
        }
        let codes = scanner.codes.text
        // Ranks of the ids, so sorting is by numbers, not strings.
        func ranks(_ texts: [String]) -> [Int] {
            var rank = Array(repeating: 0, count: texts.count)
            for (position, index) in texts.indices.sorted(by: { texts[$0] < texts[$1] }).enumerated() { rank[index] = position }
            return rank
        }
        let organizationRank = ranks(scanner.organizations.map(\.id.rawValue))
        let questionRank = ranks(questionOfSlot.map(\.rawValue))
        let codeRank = ranks(codes)
        return entries.sorted {
            (organizationRank[$0.organization], questionRank[$0.question], codeRank[$0.code], $0.counted ? 1 : 0)
                < (organizationRank[$1.organization], questionRank[$1.question], codeRank[$1.code], $1.counted ? 1 : 0)
        }.map { entry in
            AnswerCount(organization: scanner.organizations[entry.organization].id, question: questionOfSlot[entry.question],
                        value: codes[entry.code], counted: entry.counted, n: entry.n)
        }
    }
}
