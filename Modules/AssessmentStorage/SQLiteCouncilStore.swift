public import AssessmentKernel
public import Foundation
import GRDB

/// The council's members, meetings and decisions; a decision on a plan stage completes that stage.
public struct SQLiteCouncilStore: CouncilStore {
    let database: AppDatabase
    let now: @Sendable () -> Date

    public init(database: AppDatabase, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.now = now
    }

    public func addMember(_ member: CouncilMember, actor: String) throws -> Int {
        try database.writer.write { db in
            try db.execute(sql: "INSERT INTO council_member (name, position, role) VALUES (?, ?, ?)",
                           arguments: [member.name, member.position, member.role])
            let id = Int(db.lastInsertedRowID)
            try Ledger.audit(db, at: Ledger.iso(now()), actor: actor, action: "create", entity: "council-member", id: String(id),
                             details: "\(member.name), \(member.role)")
            return id
        }
    }

    public func members() throws -> [CouncilMember] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM council_member ORDER BY id").map {
                CouncilMember(id: $0["id"], name: $0["name"], position: $0["position"], role: $0["role"])
            }
        }
    }

    public func addMeeting(_ meeting: CouncilMeeting, actor: String) throws -> Int {
        try database.writer.write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM campaign WHERE id = ?", arguments: [meeting.campaign]) == 1 else {
                throw StoreError.campaignNotFound(meeting.campaign)
            }
            try db.execute(sql: "INSERT INTO council_meeting (campaign_id, held_on, agenda) VALUES (?, ?, ?)",
                           arguments: [meeting.campaign, meeting.heldOn.iso, meeting.agenda])
            let id = Int(db.lastInsertedRowID)
            try Ledger.audit(db, at: Ledger.iso(now()), actor: actor, action: "create", entity: "council-meeting", id: String(id),
                             details: "заседание \(meeting.heldOn.russian): \(meeting.agenda)")
            return id
        }
    }

    public func addDecision(_ decision: CouncilDecision, meeting: Int, actor: String) throws {
        try database.writer.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT campaign_id, held_on FROM council_meeting WHERE id = ?", arguments: [meeting]) else {
                throw StoreError.meetingNotFound(meeting)
            }
            let campaign: String = row["campaign_id"]
            let heldOn: String = row["held_on"]
            if let stage = decision.stage {
                try db.execute(sql: "UPDATE stage SET completed_on = ?, evidence = ? WHERE campaign_id = ? AND number = ?",
                               arguments: [heldOn, decision.document, campaign, stage])
                guard db.changesCount == 1 else { throw StoreError.stageNotFound(campaign: campaign, number: stage) }
            }
            try db.execute(sql: "INSERT INTO council_decision (meeting_id, subject, text, document, stage_number) VALUES (?, ?, ?, ?, ?)",
                           arguments: [meeting, decision.subject.rawValue, decision.text, decision.document, decision.stage])
            try Ledger.audit(db, at: Ledger.iso(now()), actor: actor, action: "decision", entity: "council-meeting", id: String(meeting),
                             details: "\(decision.subject.title): \(decision.text) (\(decision.document))"
                                 + (decision.stage.map { "; этап № \($0) выполнен" } ?? ""))
        }
    }

    public func meetings(campaign: String) throws -> [CouncilMeeting] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM council_meeting WHERE campaign_id = ? ORDER BY held_on, id", arguments: [campaign]).map { row in
                let id: Int = row["id"]
                let decisions = try Row.fetchAll(db, sql: "SELECT * FROM council_decision WHERE meeting_id = ? ORDER BY id", arguments: [id]).map {
                    CouncilDecision(subject: CouncilDecision.Subject(rawValue: $0["subject"]) ?? .other, text: $0["text"],
                                    document: $0["document"], stage: $0["stage_number"])
                }
                return CouncilMeeting(id: id, campaign: row["campaign_id"], heldOn: Day(iso: row["held_on"]) ?? Day(year: 2000, month: 1, day: 1)!,
                                      agenda: row["agenda"], decisions: decisions)
            }
        }
    }
}
