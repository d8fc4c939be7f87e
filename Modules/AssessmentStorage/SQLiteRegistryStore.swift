public import AssessmentKernel
public import Foundation
import GRDB

/// The registry in SQLite. Every write is one transaction with its audit entries.
public struct SQLiteRegistryStore: RegistryStore {
    let database: AppDatabase
    /// The clock is injected so tests and audit entries are reproducible.
    let now: @Sendable () -> Date

    public init(database: AppDatabase, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.now = now
    }

    public func importOrganizations(_ organizations: [Organization], file: ImportedFile, actor: String) throws -> ImportReceipt {
        try database.writer.write { db in
            if try Ledger.alreadyImported(db, file, campaign: nil) {
                return ImportReceipt(inserted: 0, updated: 0, unchanged: organizations.count, alreadyImported: true)
            }
            let known = Set(try String.fetchAll(db, sql: "SELECT id FROM organization"))
            let inFile = Set(organizations.map(\.id.rawValue))
            for organization in organizations {
                if let parent = organization.parent, !known.contains(parent.rawValue) && !inFile.contains(parent.rawValue) {
                    throw StoreError.parentNotFound(organization.id, parent: parent)
                }
            }
            let stamp = Ledger.iso(now())
            var receipt = ImportReceipt(inserted: 0, updated: 0, unchanged: 0, alreadyImported: false)
            // Heads first, so a branch's foreign key always finds its parent.
            let ordered = organizations.filter { $0.parent == nil } + organizations.filter { $0.parent != nil }
            for organization in ordered {
                let existing = try Self.fetch(db, organization.id)
                if existing == nil {
                    try Self.insert(db, organization)
                    receipt.inserted += 1
                    try Self.audit(db, at: stamp, actor: actor, action: "create", id: organization.id, details: "добавлена из \(file.path)")
                } else if existing != organization {
                    try Self.update(db, organization)
                    receipt.updated += 1
                    try Self.audit(db, at: stamp, actor: actor, action: "update", id: organization.id, details: "обновлена из \(file.path)")
                } else {
                    receipt.unchanged += 1
                }
            }
            _ = try Ledger.record(db, file, campaign: nil, actor: actor, at: stamp)
            return receipt
        }
    }

    public func organizations(includeInactive: Bool) throws -> [Organization] {
        try database.writer.read { db in try Self.organizations(db, includeInactive: includeInactive) }
    }

    static func organizations(_ db: Database, includeInactive: Bool) throws -> [Organization] {
        try Row.fetchAll(db, sql: "SELECT \(selectList) FROM organization \(includeInactive ? "" : "WHERE active = 1") ORDER BY sector, id")
            .map(Self.organization)
    }

    public func organization(_ id: OrganizationID) throws -> Organization? {
        try database.writer.read { db in try Self.fetch(db, id) }
    }

    public func update(_ organization: Organization, actor: String, reason: String?) throws {
        try database.writer.write { db in
            guard let existing = try Self.fetch(db, organization.id) else { throw StoreError.organizationNotFound(organization.id) }
            if let parent = organization.parent, try Self.fetch(db, parent) == nil {
                throw StoreError.parentNotFound(organization.id, parent: parent)
            }
            let changes = Self.changes(from: existing, to: organization)
            guard !changes.isEmpty else { return }
            try Self.update(db, organization)
            try Self.audit(db, at: Ledger.iso(now()), actor: actor, action: "update", id: organization.id,
                           details: changes.joined(separator: "; "), reason: reason)
        }
    }

    /// `поле: «было» → «стало»` for every column that differs.
    static func changes(from old: Organization, to new: Organization) -> [String] {
        zip(columns, zip(cells(old), cells(new))).compactMap { column, pair in
            let (before, after) = (pair.0?.databaseValue ?? .null, pair.1?.databaseValue ?? .null)
            guard before != after else { return nil }
            func text(_ value: DatabaseValue) -> String { value.isNull ? "пусто" : "«\(value.description.trimmingCharacters(in: ["\""]))»" }
            return "\(column): \(text(before)) → \(text(after))"
        }
    }

    public func deactivate(_ id: OrganizationID, actor: String, reason: String) throws {
        try database.writer.write { db in
            guard let existing = try Self.fetch(db, id) else { throw StoreError.organizationNotFound(id) }
            guard existing.active else { throw StoreError.alreadyInactive(id) }
            try db.execute(sql: "UPDATE organization SET active = 0 WHERE id = ?", arguments: [id.rawValue])
            try Self.audit(db, at: Ledger.iso(now()), actor: actor, action: "deactivate", id: id, details: "выведена из реестра", reason: reason)
        }
    }

    public func auditLog(limit: Int) throws -> [AuditEntry] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", arguments: [limit]).map { row in
                AuditEntry(id: row["id"], at: row["at"], actor: row["actor"], action: row["action"], entity: row["entity"],
                           entityID: row["entity_id"], details: row["details"], reason: row["reason"])
            }
        }
    }

    // MARK: Rows

    /// The table's columns; `organization(_:)` reads rows of them by position in this order.
    private static let columns = ["id", "name", "short_name", "sector", "type", "kind", "founder", "parent_id", "recipients",
                                  "inn", "ogrn", "address", "website", "head", "phone", "email", "active"]

    private static func values(_ organization: Organization) -> StatementArguments {
        StatementArguments(cells(organization))
    }

    /// Column values in `columns` order.
    private static func cells(_ organization: Organization) -> [(any DatabaseValueConvertible)?] {
        [organization.id.rawValue, organization.name, organization.shortName, organization.sector.rawValue,
         organization.type?.rawValue, organization.kind?.rawValue, organization.founder, organization.parent?.rawValue,
         organization.recipients, organization.inn, organization.ogrn, organization.address, organization.website,
         organization.head, organization.phone, organization.email, organization.active]
    }

    private static func insert(_ db: Database, _ organization: Organization) throws {
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        try db.execute(sql: "INSERT INTO organization (\(columns.joined(separator: ", "))) VALUES (\(placeholders))",
                       arguments: values(organization))
    }

    private static func update(_ db: Database, _ organization: Organization) throws {
        let assignments = columns.dropFirst().map { "\($0) = ?" }.joined(separator: ", ")
        var arguments = values(organization)
        arguments += [organization.id.rawValue]
        // One argument list serves insert and update: values in column order (id included), then the key.
        try db.execute(sql: "UPDATE organization SET id = ?, \(assignments) WHERE id = ?", arguments: arguments)
    }

    static func fetch(_ db: Database, _ id: OrganizationID) throws -> Organization? {
        try Row.fetchOne(db, sql: "SELECT \(selectList) FROM organization WHERE id = ?", arguments: [id.rawValue]).map(organization)
    }

    /// `columns` for a SELECT: rows are read by position in that order (looking 17 names up in every row was most of
    /// reading the registry's 10 000 institutions before `score` starts).
    private static let selectList = columns.joined(separator: ", ")

    /// A row of `SELECT selectList`.
    private static func organization(_ row: Row) -> Organization {
        Organization(
            id: OrganizationID(row[0]), name: row[1], shortName: row[2], sector: SectorID(row[3]),
            type: (row[4] as String?).map { InstitutionTypeID($0) }, kind: (row[5] as String?).map { InstitutionKindID($0) },
            founder: row[6], parent: (row[7] as String?).map { OrganizationID($0) }, recipients: row[8],
            inn: row[9], ogrn: row[10], address: row[11], website: row[12], head: row[13],
            phone: row[14], email: row[15], active: row[16])
    }

    private static func audit(_ db: Database, at: String, actor: String, action: String, id: OrganizationID, details: String, reason: String? = nil) throws {
        try Ledger.audit(db, at: at, actor: actor, action: action, entity: "organization", id: id.rawValue, details: details, reason: reason)
    }
}
