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
        migrator.registerMigration("v2-campaign-data") { db in
            try db.execute(sql: """
                CREATE TABLE campaign (
                    id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
                    title TEXT NOT NULL,
                    year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
                    methodology TEXT NOT NULL,
                    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'approved'))
                );
                CREATE TABLE campaign_sector (
                    campaign_id TEXT NOT NULL REFERENCES campaign(id),
                    sector TEXT NOT NULL,
                    PRIMARY KEY (campaign_id, sector)
                );
                ALTER TABLE import_file ADD COLUMN campaign_id TEXT REFERENCES campaign(id);

                CREATE TABLE checklist_mark (
                    campaign_id TEXT NOT NULL REFERENCES campaign(id),
                    organization_id TEXT NOT NULL REFERENCES organization(id),
                    checklist TEXT NOT NULL,
                    item TEXT NOT NULL,
                    mark TEXT NOT NULL CHECK (mark IN ('present', 'absent', 'notApplicable')),
                    import_id INTEGER NOT NULL REFERENCES import_file(id),
                    PRIMARY KEY (campaign_id, organization_id, checklist, item)
                );

                CREATE TABLE response (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    campaign_id TEXT NOT NULL REFERENCES campaign(id),
                    organization_id TEXT NOT NULL REFERENCES organization(id),
                    external_id TEXT NOT NULL,
                    channel TEXT NOT NULL CHECK (channel IN ('web', 'paper', 'interview', 'phone')),
                    import_id INTEGER NOT NULL REFERENCES import_file(id),
                    UNIQUE (campaign_id, external_id)
                );
                CREATE INDEX response_organization ON response(campaign_id, organization_id);

                CREATE TABLE answer (
                    response_id INTEGER NOT NULL REFERENCES response(id) ON DELETE CASCADE,
                    question TEXT NOT NULL,
                    value TEXT NOT NULL,
                    counted INTEGER NOT NULL CHECK (counted IN (0, 1)),
                    PRIMARY KEY (response_id, question)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v3-approval") { db in
            try db.execute(sql: """
                CREATE TABLE result_version (
                    campaign_id TEXT NOT NULL REFERENCES campaign(id),
                    version INTEGER NOT NULL CHECK (version >= 1),
                    content_hash TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    approved_at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    decision TEXT NOT NULL CHECK (decision <> ''),
                    reason TEXT,
                    PRIMARY KEY (campaign_id, version)
                );
                """)
        }
        migrator.registerMigration("v4-plan-stages") { db in
            try db.execute(sql: """
                ALTER TABLE campaign ADD COLUMN plan_template TEXT;
                CREATE TABLE stage (
                    campaign_id TEXT NOT NULL REFERENCES campaign(id),
                    position INTEGER NOT NULL,
                    number TEXT NOT NULL,
                    title TEXT NOT NULL,
                    executors TEXT NOT NULL,
                    result TEXT,
                    deadline_text TEXT NOT NULL,
                    year_shift INTEGER NOT NULL,
                    completed_on TEXT CHECK (completed_on IS NULL OR length(completed_on) = 10),
                    evidence TEXT,
                    PRIMARY KEY (campaign_id, number)
                );
                """)
        }
        migrator.registerMigration("v5-improvement-plans") { db in
            try db.execute(sql: """
                CREATE TABLE improvement_measure (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    campaign_id TEXT NOT NULL REFERENCES campaign(id),
                    organization_id TEXT NOT NULL REFERENCES organization(id),
                    criterion TEXT NOT NULL,
                    shortcoming_key TEXT NOT NULL,
                    shortcoming TEXT NOT NULL,
                    measure TEXT NOT NULL CHECK (measure <> ''),
                    planned_on TEXT,
                    responsible_name TEXT,
                    responsible_position TEXT,
                    implemented TEXT,
                    actual_on TEXT,
                    evidence TEXT,
                    UNIQUE (campaign_id, organization_id, shortcoming_key)
                );
                """)
        }
        migrator.registerMigration("v6-council") { db in
            try db.execute(sql: """
                CREATE TABLE council_member (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL CHECK (name <> ''),
                    position TEXT,
                    role TEXT NOT NULL
                );
                CREATE TABLE council_meeting (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    campaign_id TEXT NOT NULL REFERENCES campaign(id),
                    held_on TEXT NOT NULL CHECK (length(held_on) = 10),
                    agenda TEXT NOT NULL
                );
                CREATE TABLE council_decision (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    meeting_id INTEGER NOT NULL REFERENCES council_meeting(id),
                    subject TEXT NOT NULL,
                    text TEXT NOT NULL,
                    document TEXT NOT NULL,
                    stage_number TEXT
                );
                """)
        }
        migrator.registerMigration("v7-campaign-institutions") { db in
            // Empty for a campaign means "every active institution of its sectors".
            try db.execute(sql: """
                CREATE TABLE campaign_organization (
                    campaign_id TEXT NOT NULL REFERENCES campaign(id),
                    organization_id TEXT NOT NULL REFERENCES organization(id),
                    PRIMARY KEY (campaign_id, organization_id)
                );
                """)
        }
        migrator.registerMigration("v9-survey") { db in
            // Web and operator-entered questionnaires live in `response`/`answer` like imported ones; this
            // records how each arrived. `client_hash` is a salted hash, erased after the retention period.
            try db.execute(sql: """
                CREATE TABLE survey_link (
                    code TEXT PRIMARY KEY NOT NULL CHECK (length(code) BETWEEN 4 AND 32),
                    campaign_id TEXT NOT NULL REFERENCES campaign(id),
                    organization_id TEXT NOT NULL REFERENCES organization(id),
                    created_at TEXT NOT NULL,
                    strict INTEGER NOT NULL DEFAULT 0 CHECK (strict IN (0, 1)),
                    UNIQUE (campaign_id, organization_id)
                );
                CREATE TABLE survey_ticket (
                    code TEXT PRIMARY KEY NOT NULL CHECK (length(code) BETWEEN 4 AND 32),
                    campaign_id TEXT NOT NULL REFERENCES campaign(id),
                    organization_id TEXT NOT NULL REFERENCES organization(id),
                    issued_at TEXT NOT NULL,
                    response_id INTEGER UNIQUE REFERENCES response(id)
                );
                CREATE TABLE survey_operator (
                    login TEXT PRIMARY KEY NOT NULL CHECK (login <> ''),
                    name TEXT NOT NULL CHECK (name <> ''),
                    password_hash TEXT NOT NULL CHECK (password_hash <> ''),
                    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
                    created_at TEXT NOT NULL
                );
                CREATE TABLE survey_session (
                    token_hash TEXT PRIMARY KEY NOT NULL,
                    login TEXT NOT NULL REFERENCES survey_operator(login),
                    expires_at REAL NOT NULL
                );
                CREATE TABLE survey_submission (
                    response_id INTEGER PRIMARY KEY NOT NULL REFERENCES response(id) ON DELETE CASCADE,
                    operator_login TEXT REFERENCES survey_operator(login),
                    client_hash TEXT CHECK (client_hash IS NULL OR length(client_hash) = 64),
                    cookie TEXT,
                    received_at REAL NOT NULL,
                    suspicion TEXT
                );
                CREATE INDEX survey_submission_cookie ON survey_submission(cookie) WHERE cookie IS NOT NULL;
                CREATE INDEX survey_submission_client ON survey_submission(client_hash) WHERE client_hash IS NOT NULL;
                """)
        }
        return migrator
    }
}
