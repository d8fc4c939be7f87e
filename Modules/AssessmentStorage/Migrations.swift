import GRDB

extension AppDatabase {
    /// Named migrations, never edited once shipped; raw table and column names so later code changes
    /// cannot alter what an old migration does.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-registry") { db in
            try db.execute(sql: """
                CREATE TABLE organization (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL CHECK (name <> ''),
                    short_name TEXT,
                    sector TEXT NOT NULL,
                    type TEXT,
                    kind TEXT,
                    founder TEXT,
                    parent_id TEXT REFERENCES organization(id),
                    recipients INTEGER CHECK (recipients IS NULL OR recipients >= 0),
                    inn TEXT CHECK (inn IS NULL OR length(inn) IN (10, 12)),
                    ogrn TEXT CHECK (ogrn IS NULL OR length(ogrn) IN (13, 15)),
                    address TEXT,
                    website TEXT,
                    head TEXT,
                    phone TEXT,
                    email TEXT,
                    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
                );
                CREATE INDEX organization_sector ON organization(sector);

                CREATE TABLE import_file (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL,
                    path TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    rows INTEGER NOT NULL,
                    format TEXT NOT NULL,
                    imported_at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    UNIQUE (kind, sha256)
                );

                CREATE TABLE audit_log (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL CHECK (actor <> ''),
                    action TEXT NOT NULL,
                    entity TEXT NOT NULL,
                    entity_id TEXT NOT NULL,
                    details TEXT NOT NULL,
                    reason TEXT
                );
                """)
        }
        return migrator
    }
}
