public import AssessmentKernel
public import Foundation
import GRDB

/// Campaigns, their check-lists and responses in SQLite; scoring reads counts made by GROUP BY.
public struct SQLiteCampaignStore: CampaignStore {
    let database: AppDatabase
    let now: @Sendable () -> Date

    public init(database: AppDatabase, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.now = now
    }

    public func createCampaign(_ campaign: Campaign, actor: String) throws {
        try database.writer.write { db in
            if try Self.fetch(db, campaign.id) != nil { throw StoreError.campaignExists(campaign.id) }
            try db.execute(sql: "INSERT INTO campaign (id, title, year, methodology, status, extra_criteria) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [campaign.id, campaign.title, campaign.year, campaign.methodology.rawValue, campaign.status.rawValue,
                                       try Self.encodeList(campaign.extraCriteria)])
            for sector in campaign.sectors {
                try db.execute(sql: "INSERT INTO campaign_sector (campaign_id, sector) VALUES (?, ?)", arguments: [campaign.id, sector.rawValue])
            }
            try Ledger.audit(db, at: Ledger.iso(now()), actor: actor, action: "create", entity: "campaign", id: campaign.id,
                             details: "\(campaign.title); сферы: \(campaign.sectors.map(\.rawValue).joined(separator: ", ")); методика \(campaign.methodology)")
        }
    }

    public func campaigns() throws -> [Campaign] {
        try database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM campaign ORDER BY year, id").compactMap { try Self.fetch(db, $0) }
        }
    }

    public func campaign(_ id: String) throws -> Campaign? {
        try database.writer.read { db in try Self.fetch(db, id) }
    }

    public func importChecklists(campaign: String, marks: [OrganizationID: [ChecklistID: [ChecklistItemID: ItemMark]]],
                                 audits: [OrganizationID: [ChecklistID: [ChecklistItemID: ItemAudit]]],
                                 file: ImportedFile, actor: String) throws -> ImportReceipt {
        try database.writeInBulk { db in
            try Self.requireOpen(db, campaign)
            if try Ledger.alreadyImported(db, file, campaign: campaign) {
                return ImportReceipt(inserted: 0, updated: 0, unchanged: file.rows, alreadyImported: true)
            }
            let stamp = Ledger.iso(now())
            let importID = try Ledger.record(db, file, campaign: campaign, actor: actor, at: stamp)
            var receipt = ImportReceipt(inserted: 0, updated: 0, unchanged: 0, alreadyImported: false)
            // Statements prepared once: compiling them per mark was most of a 700 000-mark import. A mark is
            // inserted or updated, never "INSERT OR REPLACE": that may delete a row, so SQLite kept a statement
            // journal for every mark, in a temporary file once it had outgrown memory (4.1 million `pwrite`s for
            // 689 000 marks, a third of the import).
            let select = try db.cachedStatement(sql: """
                SELECT mark FROM checklist_mark WHERE campaign_id = ? AND organization_id = ? AND checklist = ? AND item = ?
                """)
            let insert = try db.cachedStatement(sql: """
                INSERT INTO checklist_mark (mark, import_id, auditor, checked_on, evidence, campaign_id, organization_id, checklist, item)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let update = try db.cachedStatement(sql: """
                UPDATE checklist_mark SET mark = ?, import_id = ?, auditor = ?, checked_on = ?, evidence = ?
                WHERE campaign_id = ? AND organization_id = ? AND checklist = ? AND item = ?
                """)
            // The campaign's first check-lists (the usual case) have nothing to compare with: no lookup per mark.
            let hasMarks = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM checklist_mark WHERE campaign_id = ?)",
                                             arguments: [campaign]) ?? true
            for (organization, lists) in marks.sorted(by: { $0.key < $1.key }) {
                for (list, items) in lists.sorted(by: { $0.key < $1.key }) {
                    let audited = audits[organization]?[list]
                    for (item, mark) in items.sorted(by: { $0.key < $1.key }) {
                        let existing = hasMarks
                            ? try String.fetchOne(select, arguments: [campaign, organization.rawValue, list.rawValue, item.rawValue]) : nil
                        switch existing {
                        case nil: receipt.inserted += 1
                        case mark.rawValue?: receipt.unchanged += 1
                        default: receipt.updated += 1
                        }
                        // A later audit of the same item replaces the earlier mark.
                        let audit = audited?[item]
                        let statement = existing == nil ? insert : update
                        statement.setUncheckedArguments([mark.rawValue, importID, audit?.auditor, audit?.checkedOn?.iso, audit?.evidence,
                                                         campaign, organization.rawValue, list.rawValue, item.rawValue])
                        try statement.execute()
                    }
                }
            }
            try Ledger.audit(db, at: stamp, actor: actor, action: "import", entity: "checklists", id: campaign,
                             details: "\(file.path): новых отметок \(receipt.inserted), изменено \(receipt.updated)")
            return receipt
        }
    }

    public func importResponses(campaign: String, file: ImportedFile, actor: String,
                                rows: (_ insert: (StoredResponse) throws -> Void) throws -> String) throws -> ImportReceipt {
        try database.writer.write { db in
            try Self.requireOpen(db, campaign)
            if try Ledger.alreadyImported(db, file, campaign: campaign) {
                return ImportReceipt(inserted: 0, updated: 0, unchanged: file.rows, alreadyImported: true)
            }
            let stamp = Ledger.iso(now())
            let importID = try Ledger.record(db, file, campaign: campaign, actor: actor, at: stamp)
            var writer = try ResponseWriter(db, campaign: campaign)
            let format = try rows { response in try writer.insert(response, importID: importID) }
            try writer.finish()
            let inserted = writer.inserted
            try db.execute(sql: "UPDATE import_file SET rows = ?, format = ? WHERE id = ?", arguments: [inserted, format, importID])
            try Ledger.audit(db, at: stamp, actor: actor, action: "import", entity: "responses", id: campaign,
                             details: "\(file.path): анкет \(inserted)")
            return ImportReceipt(inserted: inserted, updated: 0, unchanged: 0, alreadyImported: false)
        }
    }

    public func importPackedResponses(campaign: String, file: ImportedFile, actor: String,
                                      rows: (_ sink: any PackedResponseSink) throws -> PackedResponsesSummary) throws -> ImportReceipt {
        try database.writeInBulk { db in
            try Self.requireOpen(db, campaign)
            if try Ledger.alreadyImported(db, file, campaign: campaign) {
                return ImportReceipt(inserted: 0, updated: 0, unchanged: file.rows, alreadyImported: true)
            }
            let stamp = Ledger.iso(now())
            let importID = try Ledger.record(db, file, campaign: campaign, actor: actor, at: stamp)
            var writer = try ResponseWriter(db, campaign: campaign)
            // The file is read and packed on another thread while this one, which holds the transaction, writes.
            let summary = try PackedRowPipeline.run(rows) { batch, refuse in writer.insert(batch, importID: importID, refuse: refuse) }
            try writer.finish(adding: summary.counts, respondents: summary.respondents)
            let inserted = writer.inserted
            try db.execute(sql: "UPDATE import_file SET rows = ?, format = ? WHERE id = ?", arguments: [inserted, summary.format, importID])
            try Ledger.audit(db, at: stamp, actor: actor, action: "import", entity: "responses", id: campaign,
                             details: "\(file.path): анкет \(inserted)")
            return ImportReceipt(inserted: inserted, updated: 0, unchanged: 0, alreadyImported: false)
        }
    }

    public func organizationData(campaign: String) throws -> [OrganizationData] {
        while true {
            // The check-list marks are read on a second connection while this one reads the registry and the answer
            // counts: two thirds of loading a campaign at once. The two reads see one state of the marks when no
            // check-list import of the campaign (the only writer of marks) came between them; else both are read again.
            let writer = database.writer
            let marksJob = BackgroundJob { try writer.read { db in (try Self.lastChecklistImport(db, campaign), try Self.checklistMarks(db, campaign)) } }
            let (read, checklistImport) = try database.writer.read { db in
                (try Self.organizationDataWithoutMarks(db, campaign), try Self.lastChecklistImport(db, campaign))
            }
            let (marksImport, marks) = try marksJob.wait()
            guard marksImport == checklistImport else { continue }
            var (organizations, data) = read
            for (organization, lists) in marks { data[organization]?.checklists = lists }
            // An institution taken out of the registry stays in the campaign only if it has data in it.
            return organizations.compactMap { data[$0.id] }.filter {
                $0.organization.active || $0.respondents > 0 || !$0.checklists.isEmpty
            }
        }
    }

    /// The id of the campaign's latest check-list import (0 before the first): marks change only with one.
    static func lastChecklistImport(_ db: Database, _ campaign: String) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT ifnull(max(id), 0) FROM import_file WHERE campaign_id = ? AND kind = 'checklists'",
                           arguments: [campaign]) ?? 0
    }

    /// The campaign's institutions with their respondents and answer counts, the marks not yet filled in.
    private static func organizationDataWithoutMarks(_ db: Database, _ campaign: String) throws
        -> (organizations: [Organization], data: [OrganizationID: OrganizationData])
    {
        guard let stored = try fetch(db, campaign) else { throw StoreError.campaignNotFound(campaign) }
        let listed = Set(try institutions(db, campaign))
        let organizations = try SQLiteRegistryStore.organizations(db, includeInactive: true)
            .filter { stored.sectors.contains($0.sector) && (listed.isEmpty || listed.contains($0.id)) }
        var data = Dictionary(uniqueKeysWithValues: organizations.map { ($0.id, OrganizationData(organization: $0)) })
        for row in try Row.fetchAll(db, sql: """
            SELECT organization_id, sum(n) AS respondents FROM response_count WHERE campaign_id = ? GROUP BY organization_id
            """, arguments: [campaign]) {
            data[OrganizationID(row["organization_id"])]?.respondents = row["respondents"]
        }
        // The counts were kept at import (ResponseWriter): the engine never sees a response.
        let tallies = try Row.fetchCursor(db, sql: """
            SELECT organization_id, question, value, counted, n FROM answer_tally WHERE campaign_id = ?
            ORDER BY organization_id, question
            """, arguments: [campaign])
        // Rows come in institution and question order (the primary key's, so SQLite does not sort): each institution's
        // tallies are built in local variables and stored once, instead of a dictionary look-up and copy per row.
        // Columns by position: looking them up by name was a visible share of loading 10 000 institutions.
        var current: (organization: String, tallies: [QuestionID: AnswerTally])?
        var question: (id: String, tally: AnswerTally)?
        func closeQuestion() {
            if let done = question { current?.tallies[QuestionID(done.id)] = done.tally }
            question = nil
        }
        func closeOrganization() {
            closeQuestion()
            if let done = current { data[OrganizationID(done.organization)]?.tallies = done.tallies }
            current = nil
        }
        while let row = try tallies.next() {
            let organization: String = row[0], questionID: String = row[1], count: Int = row[4]
            if current?.organization != organization {
                closeOrganization()
                current = (organization, [:])
            }
            if question?.id != questionID {
                closeQuestion()
                question = (questionID, AnswerTally())
            }
            if row[3] as Bool {
                question!.tally.answered += count
                question!.tally.counts[row[2], default: 0] += count
            } else {
                question!.tally.ignoredByFilter += count
            }
        }
        closeOrganization()
        return (organizations, data)
    }

    /// Every mark of the campaign, by institution. The covering index `checklist_mark_scoring` (v10) serves this in
    /// institution order without a row look-up.
    private static func checklistMarks(_ db: Database, _ campaign: String) throws
        -> [OrganizationID: [ChecklistID: [ChecklistItemID: ItemMark]]]
    {
        let marks = try Row.fetchCursor(db, sql: """
            SELECT organization_id, checklist, item, mark FROM checklist_mark WHERE campaign_id = ? ORDER BY organization_id
            """, arguments: [campaign])
        var result: [OrganizationID: [ChecklistID: [ChecklistItemID: ItemMark]]] = [:]
        var lists: (organization: String, marks: [ChecklistID: [ChecklistItemID: ItemMark]])?
        while let row = try marks.next() {
            guard let mark = ItemMark(rawValue: row[3]) else { continue }
            let organization: String = row[0]
            if lists?.organization != organization {
                if let done = lists { result[OrganizationID(done.organization)] = done.marks }
                lists = (organization, [:])
            }
            lists!.marks[ChecklistID(row[1]), default: [:]][ChecklistItemID(row[2])] = mark
        }
        if let done = lists { result[OrganizationID(done.organization)] = done.marks }
        return result
    }

    public func approve(campaign: String, results: ApprovedResults, actor: String, reason: String?) throws -> Int {
        let text = Array(results.payload.utf8)
        return try approve(campaign: campaign, results: results, actor: actor, reason: reason, byteCount: text.count) { write in
            try text.withUnsafeBytes { try write($0) }
        }
    }

    public func approve(campaign: String, results: ApprovedResults, actor: String, reason: String?, byteCount: Int,
                        payload: (_ write: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws -> Int {
        // The text is compressed as it comes (one zstd frame, about a twentieth of it), before the write transaction:
        // stored whole it was close to a gigabyte per version for 10 000 institutions, next to SQLite's 1 GB limit
        // for one value.
        let stream = PayloadCompression.Stream(size: byteCount)
        var received = 0
        do {
            try payload { piece in
                guard received + piece.count <= byteCount else { throw StoreError.payloadSizeMismatch(expected: byteCount) }
                try stream.add(piece)
                received += piece.count
            }
            guard received == byteCount else { throw StoreError.payloadSizeMismatch(expected: byteCount) }
            try stream.add(UnsafeRawBufferPointer(start: nil, count: 0), end: true)
        } catch is PayloadCompression.CompressionError {
            throw StoreError.payloadSizeMismatch(expected: byteCount)
        }
        let frame = Data(stream.frame)
        return try database.writer.write { db in
            try insertVersion(db, campaign: campaign, results: results, payload: frame, encoding: PayloadCompression.encoding,
                              actor: actor, reason: reason)
        }
    }

    /// Records an approved version (its text as stored, in `encoding`) and closes the campaign.
    private func insertVersion(_ db: Database, campaign: String, results: ApprovedResults, payload: Data, encoding: String,
                                actor: String, reason: String?) throws -> Int {
        guard try Self.fetch(db, campaign) != nil else { throw StoreError.campaignNotFound(campaign) }
        let last = try Int.fetchOne(db, sql: "SELECT max(version) FROM result_version WHERE campaign_id = ?", arguments: [campaign]) ?? 0
        if last > 0 && (reason ?? "").isEmpty { throw StoreError.newVersionNeedsReason(campaign) }
        let stamp = Ledger.iso(now())
        try db.execute(literal: """
            INSERT INTO result_version (campaign_id, version, content_hash, payload, payload_encoding, approved_at, actor, decision, reason)
            VALUES (\(campaign), \(last + 1), \(results.contentHash), \(payload), \(encoding), \(stamp), \(actor), \(results.decision), \(reason))
            """)
        try db.execute(sql: "UPDATE campaign SET status = 'approved' WHERE id = ?", arguments: [campaign])
        try Ledger.audit(db, at: stamp, actor: actor, action: last == 0 ? "approve" : "new-version", entity: "campaign", id: campaign,
                         details: "версия \(last + 1), хеш \(results.contentHash), решение: \(results.decision)", reason: reason)
        return last + 1
    }

    public func approvedVersions(campaign: String, payloads: Bool) throws -> [ApprovedResults] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT version, content_hash, \(payloads ? "payload" : "''") AS payload, payload_encoding, approved_at, decision, reason
                FROM result_version WHERE campaign_id = ? ORDER BY version
                """, arguments: [campaign]).map { row in
                let version: Int = row["version"]
                var text: String = ""
                if payloads {
                    // Versions approved before v17 hold their text as it is ('text').
                    if row["payload_encoding"] as String == PayloadCompression.encoding {
                        guard let bytes = PayloadCompression.decompress([UInt8](row["payload"] as Data)) else {
                            throw StoreError.unreadableApproval(campaign: campaign, version: version)
                        }
                        text = String(decoding: bytes, as: UTF8.self)
                    } else {
                        text = row["payload"]
                    }
                }
                return ApprovedResults(version: version, contentHash: row["content_hash"], payload: text,
                                       decision: row["decision"], approvedAt: row["approved_at"], reason: row["reason"])
            }
        }
    }

    public func setInstitutions(campaign: String, institutions: [OrganizationID], actor: String) throws {
        try database.writer.write { db in
            guard let stored = try Self.fetch(db, campaign) else { throw StoreError.campaignNotFound(campaign) }
            let eligible = Set(try SQLiteRegistryStore.organizations(db, includeInactive: false)
                .filter { stored.sectors.contains($0.sector) }.map(\.id))
            for id in institutions where !eligible.contains(id) { throw StoreError.institutionOutsideCampaign(id, campaign: campaign) }
            try db.execute(sql: "DELETE FROM campaign_organization WHERE campaign_id = ?", arguments: [campaign])
            for id in institutions {
                try db.execute(sql: "INSERT INTO campaign_organization (campaign_id, organization_id) VALUES (?, ?)", arguments: [campaign, id.rawValue])
            }
            try Ledger.audit(db, at: Ledger.iso(now()), actor: actor, action: "institutions", entity: "campaign", id: campaign,
                             details: institutions.isEmpty ? "все учреждения сфер кампании" : "перечень учреждений: \(institutions.count)")
        }
    }

    public func institutions(campaign: String) throws -> [OrganizationID] {
        try database.writer.read { db in try Self.institutions(db, campaign) }
    }

    static func institutions(_ db: Database, _ campaign: String) throws -> [OrganizationID] {
        try String.fetchAll(db, sql: "SELECT organization_id FROM campaign_organization WHERE campaign_id = ? ORDER BY organization_id",
                            arguments: [campaign]).map { OrganizationID($0) }
    }

    public func suggestions(campaign: String) throws -> [OrganizationID: [String]] {
        try database.writer.read { db in
            var result: [OrganizationID: [String]] = [:]
            for row in try Row.fetchAll(db, sql: Self.suggestionsSQL, arguments: [campaign]) {
                result[OrganizationID(row["organization_id"]), default: []].append(row["text"])
            }
            return result
        }
    }

    /// Free-text answers of a campaign, in response and question order (a test reads its query plan). From the
    /// comments to their responses (CROSS JOIN fixes the order): SQLite otherwise walked every response of the
    /// campaign looking for a comment and then sorted (1.8 s for a million responses with 49 647 comments, most of
    /// loading a campaign for the reports); the comments' key order is already the response's and the question's.
    /// Comments of excluded questionnaires are left out, as their answers are.
    static let suggestionsSQL = """
        SELECT r.organization_id, c.text FROM response_comment c CROSS JOIN response r ON r.id = c.response_id
        WHERE r.campaign_id = ? AND NOT EXISTS (SELECT 1 FROM response_exclusion e WHERE e.response_id = c.response_id)
        ORDER BY c.response_id, c.question
        """

    public func checklistAudits(campaign: String, organization: OrganizationID) throws -> [ChecklistID: [ChecklistItemID: ItemAudit]] {
        try database.writer.read { db in
            var result: [ChecklistID: [ChecklistItemID: ItemAudit]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT checklist, item, auditor, checked_on, evidence FROM checklist_mark
                WHERE campaign_id = ? AND organization_id = ? AND (auditor IS NOT NULL OR checked_on IS NOT NULL OR evidence IS NOT NULL)
                """, arguments: [campaign, organization.rawValue]) {
                let day: String? = row["checked_on"]
                result[ChecklistID(row["checklist"]), default: [:]][ChecklistItemID(row["item"])] =
                    ItemAudit(auditor: row["auditor"], checkedOn: day.flatMap(Day.init(iso:)), evidence: row["evidence"])
            }
            return result
        }
    }

    public func responsesByChannel(campaign: String) throws -> [OrganizationID: [String: Int]] {
        try database.writer.read { db in
            var result: [OrganizationID: [String: Int]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT organization_id, channel, n FROM response_count WHERE campaign_id = ?
                """, arguments: [campaign]) {
                result[OrganizationID(row["organization_id"]), default: [:]][row["channel"]] = row["n"]
            }
            return result
        }
    }

    static func fetch(_ db: Database, _ id: String) throws -> Campaign? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM campaign WHERE id = ?", arguments: [id]) else { return nil }
        let sectors = try String.fetchAll(db, sql: "SELECT sector FROM campaign_sector WHERE campaign_id = ? ORDER BY sector", arguments: [id])
        return Campaign(id: row["id"], title: row["title"], year: row["year"], methodology: MethodologyID(row["methodology"]),
                        sectors: sectors.map { SectorID($0) }, status: Campaign.Status(rawValue: row["status"]) ?? .open,
                        planTemplate: row["plan_template"], extraCriteria: try decodeList(row["extra_criteria"]))
    }

    static func encodeList(_ ids: [ExtraCriterionID]?) throws -> String? {
        try ids.map { String(decoding: try JSONEncoder().encode($0.map(\.rawValue)), as: UTF8.self) }
    }

    static func decodeList(_ text: String?) throws -> [ExtraCriterionID]? {
        try text.map { try JSONDecoder().decode([String].self, from: Data($0.utf8)).map { ExtraCriterionID($0) } }
    }

    static func requireOpen(_ db: Database, _ id: String) throws {
        guard let campaign = try fetch(db, id) else { throw StoreError.campaignNotFound(id) }
        guard campaign.status == .open else { throw StoreError.campaignApproved(id) }
    }
}
