public import AssessmentKernel
public import Foundation

/// The registry port held in memory, with the invariants the SQLite schema enforces, so tests of code
/// above the port need no database and the conformance suite can hold both implementations to one contract.
public final class InMemoryRegistryStore: RegistryStore, @unchecked Sendable {
    private let lock = NSLock()
    private var records: [OrganizationID: Organization] = [:]
    private var imported: Set<String> = []
    private var log: [AuditEntry] = []
    private let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = Date.init) {
        self.now = now
    }

    public func importOrganizations(_ organizations: [Organization], file: ImportedFile, actor: String) throws -> ImportReceipt {
        try locked {
            if imported.contains(file.kind + file.sha256) {
                return ImportReceipt(inserted: 0, updated: 0, unchanged: organizations.count, alreadyImported: true)
            }
            let inFile = Set(organizations.map(\.id))
            for organization in organizations {
                try Self.check(organization)
                if let parent = organization.parent, records[parent] == nil, !inFile.contains(parent) {
                    throw StoreError.parentNotFound(organization.id, parent: parent)
                }
            }
            // Validated first, written after: all rows or none.
            var receipt = ImportReceipt(inserted: 0, updated: 0, unchanged: 0, alreadyImported: false)
            let stamp = stamp()
            for organization in organizations.filter({ $0.parent == nil }) + organizations.filter({ $0.parent != nil }) {
                switch records[organization.id] {
                case nil:
                    receipt.inserted += 1
                    audit(stamp, actor, "create", organization.id, "добавлена из \(file.path)")
                case organization?:
                    receipt.unchanged += 1
                default:
                    receipt.updated += 1
                    audit(stamp, actor, "update", organization.id, "обновлена из \(file.path)")
                }
                records[organization.id] = organization
            }
            imported.insert(file.kind + file.sha256)
            return receipt
        }
    }

    public func organizations(includeInactive: Bool) throws -> [Organization] {
        locked {
            records.values.filter { includeInactive || $0.active }
                .sorted { ($0.sector.rawValue, $0.id.rawValue) < ($1.sector.rawValue, $1.id.rawValue) }
        }
    }

    public func organization(_ id: OrganizationID) throws -> Organization? {
        locked { records[id] }
    }

    public func update(_ organization: Organization, actor: String, reason: String?) throws {
        try locked {
            guard let existing = records[organization.id] else { throw StoreError.organizationNotFound(organization.id) }
            try Self.check(organization)
            if let parent = organization.parent, records[parent] == nil { throw StoreError.parentNotFound(organization.id, parent: parent) }
            guard existing != organization else { return }
            records[organization.id] = organization
            audit(stamp(), actor, "update", organization.id, "исправлена", reason: reason)
        }
    }

    public func deactivate(_ id: OrganizationID, actor: String, reason: String) throws {
        try locked {
            guard var existing = records[id] else { throw StoreError.organizationNotFound(id) }
            guard existing.active else { throw StoreError.alreadyInactive(id) }
            existing.active = false
            records[id] = existing
            audit(stamp(), actor, "deactivate", id, "выведена из реестра", reason: reason)
        }
    }

    public func auditLog(limit: Int) throws -> [AuditEntry] {
        locked { Array(log.reversed().prefix(limit)) }
    }

    /// The schema's CHECK constraints, as a thrown error.
    private static func check(_ organization: Organization) throws {
        struct Invalid: Error {}
        guard !organization.name.isEmpty, (organization.recipients ?? 0) >= 0,
              organization.inn.map({ [10, 12].contains($0.count) }) ?? true,
              organization.ogrn.map({ [13, 15].contains($0.count) }) ?? true
        else { throw Invalid() }
    }

    private func stamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: now())
    }

    private func audit(_ at: String, _ actor: String, _ action: String, _ id: OrganizationID, _ details: String, reason: String? = nil) {
        log.append(AuditEntry(id: log.count + 1, at: at, actor: actor, action: action, entity: "organization", entityID: id.rawValue,
                              details: details, reason: reason))
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
