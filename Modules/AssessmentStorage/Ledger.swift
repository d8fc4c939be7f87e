import AssessmentKernel
import Foundation
import GRDB

/// Bookkeeping every write shares: which files were imported (by hash) and the audit log.
enum Ledger {
    /// True when a file with the same content was imported before for the same purpose.
    static func alreadyImported(_ db: Database, _ file: ImportedFile, campaign: String?) throws -> Bool {
        try Int.fetchOne(db, sql: """
            SELECT count(*) FROM import_file WHERE kind = ? AND sha256 = ? AND campaign_id IS ?
            """, arguments: [file.kind, file.sha256, campaign]) ?? 0 > 0
    }

    /// Records the file and returns its row id, which imported rows point to.
    static func record(_ db: Database, _ file: ImportedFile, campaign: String?, actor: String, at: String) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO import_file (kind, path, sha256, rows, format, imported_at, actor, campaign_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [file.kind, file.path, file.sha256, file.rows, file.format, at, actor, campaign])
        return db.lastInsertedRowID
    }

    static func audit(_ db: Database, at: String, actor: String, action: String, entity: String, id: String,
                      details: String, reason: String? = nil) throws {
        try db.execute(sql: """
            INSERT INTO audit_log (at, actor, action, entity, entity_id, details, reason) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [at, actor, action, entity, id, details, reason])
    }

    /// The time as ISO 8601 in UTC (`2025-03-28T09:15:00Z`).
    ///
    /// One formatter for the process: making one costs ICU set-up (about a tenth of the survey server's CPU
    /// when it was made for every questionnaire). Formatting is serialised by a lock, to be safe on any
    /// Foundation.
    static func iso(_ date: Date) -> String {
        // Years 1970–9999 are written by hand (the same text): the ICU formatter was a few per cent of the survey
        // server's CPU, inside the writer. Other dates go to the formatter.
        // The formatter works in whole milliseconds (rounded), then drops the fraction of the second.
        let milliseconds = (date.timeIntervalSince1970 * 1_000).rounded()
        if milliseconds >= 0 && milliseconds < 253_402_300_800_000 { return isoUTC(Int(milliseconds) / 1_000) }
        isoLock.lock()
        defer { isoLock.unlock() }
        return isoFormatter.string(from: date)
    }

    /// `yyyy-MM-ddTHH:mm:ssZ` of whole seconds since 1970 (the civil date from the kernel's `Day`).
    static func isoUTC(_ seconds: Int) -> String {
        let date = Day(ordinal: seconds / 86_400), time = seconds % 86_400
        let (year, month, day) = (date.year, date.month, date.day)
        var text: [UInt8] = []
        text.reserveCapacity(20)
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            while divisor > 0 {
                text.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        digits(year, 4); text.append(UInt8(ascii: "-")); digits(month, 2); text.append(UInt8(ascii: "-")); digits(day, 2)
        text.append(UInt8(ascii: "T"))
        digits(time / 3_600, 2); text.append(UInt8(ascii: ":")); digits(time / 60 % 60, 2); text.append(UInt8(ascii: ":")); digits(time % 60, 2)
        text.append(UInt8(ascii: "Z"))
        return String(decoding: text, as: UTF8.self)
    }

    private static let isoLock = NSLock()
    nonisolated(unsafe) private static let isoFormatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter
    }()
}
