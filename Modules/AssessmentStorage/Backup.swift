public import Foundation
import GRDB

extension AppDatabase {
    /// Writes a consistent copy of the whole database to a single file (SQLite's online backup).
    /// The log records the copy first, so the copy itself shows when it was made and by whom.
    public func backup(to path: String, actor: String, at date: Date = Date()) throws {
        if FileManager.default.fileExists(atPath: path) { throw BackupError.destinationExists(path) }
        try writer.write { db in
            try Ledger.audit(db, at: Ledger.iso(date), actor: actor, action: "backup", entity: "database", id: "", details: "резервная копия: \(path)")
        }
        let destination = try DatabaseQueue(path: path)
        try writer.backup(to: destination)
        try destination.close()
    }

    /// Replaces this database's content with a backup, after checking the backup is an OpenNOK database.
    /// The restored log gets an entry saying so: changes made after the copy are gone, and the log shows why.
    public func restore(from path: String, actor: String, at date: Date = Date()) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw BackupError.missing(path) }
        let source = try DatabaseQueue(path: path, configuration: {
            var configuration = Configuration()
            configuration.readonly = true
            return configuration
        }())
        let migrations = try source.read { db in try Self.migrator.appliedMigrations(db) }
        guard !migrations.isEmpty else { throw BackupError.notOpenNOK(path) }
        let known = try writer.read { db in Self.migrator.migrations }
        if let unknown = migrations.first(where: { !known.contains($0) }) { throw BackupError.newerSchema(path, migration: unknown) }
        try source.backup(to: writer)
        try source.close()
        // A backup made before a later migration is brought up to date.
        try Self.migrator.migrate(writer)
        try writer.write { db in
            try Ledger.audit(db, at: Ledger.iso(date), actor: actor, action: "restore", entity: "database", id: "",
                             details: "база восстановлена из резервной копии \(path); изменения после её создания утрачены")
        }
    }
}

public enum BackupError: Error, Equatable, LocalizedError {
    case destinationExists(String)
    case missing(String)
    case notOpenNOK(String)
    case newerSchema(String, migration: String)

    public var errorDescription: String? {
        switch self {
        case .destinationExists(let path): "Файл \(path) уже существует: укажите новый файл для резервной копии."
        case .missing(let path): "Файл резервной копии \(path) не найден."
        case .notOpenNOK(let path): "Файл \(path) не похож на базу OpenNOK: в нём нет применённых миграций."
        case .newerSchema(let path, let migration):
            "Резервная копия \(path) создана более новой версией OpenNOK (миграция «\(migration)»): обновите программу."
        }
    }
}
