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
        migrator.registerMigration("v8-scores-and-details") { db in
            // The same file may go into two campaigns (next year's copy of a list): a file is known by its
            // content within a campaign, not across the database. SQLite changes a constraint by rebuilding.
            try db.execute(sql: """
                CREATE TABLE import_file_v8 (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL,
                    path TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    rows INTEGER NOT NULL,
                    format TEXT NOT NULL,
                    imported_at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    campaign_id TEXT REFERENCES campaign(id)
                );
                INSERT INTO import_file_v8 (id, kind, path, sha256, rows, format, imported_at, actor, campaign_id)
                    SELECT id, kind, path, sha256, rows, format, imported_at, actor, campaign_id FROM import_file;
                DROP TABLE import_file;
                ALTER TABLE import_file_v8 RENAME TO import_file;
                CREATE UNIQUE INDEX import_file_content ON import_file (kind, sha256, ifnull(campaign_id, ''));
                """)
            try db.execute(sql: """
                CREATE TABLE score_run (
                    campaign_id TEXT NOT NULL REFERENCES campaign(id),
                    run INTEGER NOT NULL CHECK (run >= 1),
                    content_hash TEXT NOT NULL,
                    computed_at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    organizations INTEGER NOT NULL,
                    PRIMARY KEY (campaign_id, run)
                );
                CREATE TABLE score_result (
                    campaign_id TEXT NOT NULL REFERENCES campaign(id),
                    organization_id TEXT NOT NULL REFERENCES organization(id),
                    total REAL,
                    payload TEXT NOT NULL,
                    PRIMARY KEY (campaign_id, organization_id)
                );

                ALTER TABLE response ADD COLUMN submitted_at TEXT;

                -- One row per questionnaire: answers packed as JSON objects (counted, and given against a filter),
                -- and the counts scoring needs kept per value at import. A million responses were 14 million
                -- answer rows, and grouping them was most of the scoring time (docs/BENCHMARKS.md).
                ALTER TABLE response ADD COLUMN answers TEXT NOT NULL DEFAULT '{}';
                ALTER TABLE response ADD COLUMN ignored TEXT NOT NULL DEFAULT '{}';
                UPDATE response SET
                    answers = (SELECT json_group_object(question, value) FROM answer WHERE response_id = response.id AND counted = 1),
                    ignored = (SELECT json_group_object(question, value) FROM answer WHERE response_id = response.id AND counted = 0);
                CREATE TABLE answer_tally (
                    campaign_id TEXT NOT NULL REFERENCES campaign(id),
                    organization_id TEXT NOT NULL REFERENCES organization(id),
                    question TEXT NOT NULL,
                    value TEXT NOT NULL,
                    counted INTEGER NOT NULL CHECK (counted IN (0, 1)),
                    n INTEGER NOT NULL CHECK (n > 0),
                    PRIMARY KEY (campaign_id, organization_id, question, value, counted)
                ) WITHOUT ROWID;
                INSERT INTO answer_tally (campaign_id, organization_id, question, value, counted, n)
                    SELECT r.campaign_id, r.organization_id, a.question, a.value, a.counted, count(*)
                    FROM answer a JOIN response r ON r.id = a.response_id
                    GROUP BY r.campaign_id, r.organization_id, a.question, a.value, a.counted;
                DROP TABLE answer;
                CREATE TABLE response_comment (
                    response_id INTEGER NOT NULL REFERENCES response(id) ON DELETE CASCADE,
                    question TEXT NOT NULL,
                    text TEXT NOT NULL CHECK (text <> ''),
                    PRIMARY KEY (response_id, question)
                ) WITHOUT ROWID;

                ALTER TABLE checklist_mark ADD COLUMN auditor TEXT;
                ALTER TABLE checklist_mark ADD COLUMN checked_on TEXT;
                ALTER TABLE checklist_mark ADD COLUMN evidence TEXT;

                -- JSON array of extra criterion ids; NULL means the region's list (region.yaml).
                ALTER TABLE campaign ADD COLUMN extra_criteria TEXT;
                CREATE TABLE campaign_operator (
                    campaign_id TEXT PRIMARY KEY NOT NULL REFERENCES campaign(id),
                    name TEXT NOT NULL CHECK (name <> ''),
                    inn TEXT,
                    contract TEXT,
                    terms TEXT
                );
                CREATE TABLE control_visit (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    campaign_id TEXT NOT NULL REFERENCES campaign(id),
                    organization_id TEXT NOT NULL REFERENCES organization(id),
                    visited_on TEXT NOT NULL,
                    members TEXT NOT NULL,
                    findings TEXT NOT NULL CHECK (findings <> ''),
                    document TEXT
                );
                CREATE TABLE programme (
                    id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
                    title TEXT NOT NULL,
                    plan_template TEXT NOT NULL,
                    first_year INTEGER NOT NULL,
                    last_year INTEGER NOT NULL CHECK (last_year >= first_year)
                );
                CREATE TABLE programme_campaign (
                    programme_id TEXT NOT NULL REFERENCES programme(id),
                    campaign_id TEXT NOT NULL REFERENCES campaign(id),
                    year INTEGER NOT NULL,
                    PRIMARY KEY (programme_id, campaign_id),
                    UNIQUE (programme_id, year)
                );
                CREATE TABLE plan_check (
                    campaign_id TEXT NOT NULL REFERENCES campaign(id),
                    organization_id TEXT NOT NULL REFERENCES organization(id),
                    previous_campaign TEXT NOT NULL REFERENCES campaign(id),
                    checked_on TEXT NOT NULL,
                    measures INTEGER NOT NULL,
                    done_on_time INTEGER NOT NULL,
                    done_late INTEGER NOT NULL,
                    overdue INTEGER NOT NULL,
                    pending INTEGER NOT NULL,
                    PRIMARY KEY (campaign_id, organization_id)
                );
                """)
        }
        migrator.registerMigration("v9-survey") { db in
            // Web and operator-entered questionnaires live in `response` and `answer_tally` like imported ones; this
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
        migrator.registerMigration("v10-checklist-scoring-index") { db in
            // Scoring reads every mark of a campaign in institution order; through the primary key's index that
            // was one table look-up per mark (689 000 seeks for a region). This index answers it alone.
            try db.execute(sql: """
                CREATE INDEX checklist_mark_scoring ON checklist_mark(campaign_id, organization_id, checklist, item, mark)
                """)
        }
        migrator.registerMigration("v11-approved-payload-last") { db in
            // The approved text moves to the last column: SQLite then writes a `zeroblob` of a gigabyte without
            // building it in memory, and `approve` fills it in place piece by piece.
            try db.execute(sql: """
                CREATE TABLE result_version_new (
                    campaign_id TEXT NOT NULL REFERENCES campaign(id),
                    version INTEGER NOT NULL CHECK (version >= 1),
                    content_hash TEXT NOT NULL,
                    approved_at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    decision TEXT NOT NULL CHECK (decision <> ''),
                    reason TEXT,
                    payload TEXT NOT NULL,
                    PRIMARY KEY (campaign_id, version)
                );
                INSERT INTO result_version_new (campaign_id, version, content_hash, approved_at, actor, decision, reason, payload)
                    SELECT campaign_id, version, content_hash, approved_at, actor, decision, reason, payload FROM result_version;
                DROP TABLE result_version;
                ALTER TABLE result_version_new RENAME TO result_version;
                """)
        }
        migrator.registerMigration("v12-score-payload-encoding") { db in
            // Payloads are stored compressed (zstd) from now on; rows of earlier runs stay readable as 'json'.
            try db.execute(sql: """
                CREATE TABLE score_result_new (
                    campaign_id TEXT NOT NULL REFERENCES campaign(id),
                    organization_id TEXT NOT NULL REFERENCES organization(id),
                    total REAL,
                    payload_encoding TEXT NOT NULL CHECK (payload_encoding IN ('json', 'zstd')),
                    payload BLOB NOT NULL,
                    PRIMARY KEY (campaign_id, organization_id)
                );
                INSERT INTO score_result_new (campaign_id, organization_id, total, payload_encoding, payload)
                    SELECT campaign_id, organization_id, total, 'json', payload FROM score_result;
                DROP TABLE score_result;
                ALTER TABLE score_result_new RENAME TO score_result;
                """)
        }
        migrator.registerMigration("v13-survey-repeat-index") { db in
            // The repeat check counts earlier questionnaires of one campaign and institution with the same cookie
            // or address hash. Through the old indexes that was one `response` look-up per earlier questionnaire
            // with that cookie, so its cost grew with every repeat; with campaign and institution in the index it
            // is a count over adjacent index entries. The two columns copy the response's (which holds the foreign
            // keys), so they add no key look-ups to the insert.
            try db.execute(sql: """
                ALTER TABLE survey_submission ADD COLUMN campaign_id TEXT;
                ALTER TABLE survey_submission ADD COLUMN organization_id TEXT;
                UPDATE survey_submission SET
                    campaign_id = (SELECT campaign_id FROM response WHERE id = survey_submission.response_id),
                    organization_id = (SELECT organization_id FROM response WHERE id = survey_submission.response_id);
                DROP INDEX survey_submission_cookie;
                DROP INDEX survey_submission_client;
                CREATE INDEX survey_submission_cookie ON survey_submission(cookie, campaign_id, organization_id) WHERE cookie IS NOT NULL;
                CREATE INDEX survey_submission_client ON survey_submission(client_hash, campaign_id, organization_id)
                    WHERE client_hash IS NOT NULL;
                """)
        }
        // Foreign keys stay on: no table is rebuilt, and the deferred check would read every row of the database.
        migrator.registerMigration("v14-response-count", foreignKeyChecks: .immediate) { db in
            // Questionnaires per institution and channel, kept current by every write of a response like the answer
            // tallies. They answered what `response_organization` was for (respondents, progress by channel), and
            // that index cost a bulk import of a million rows a sort of the whole table: 1.7 s of its ~9.
            try db.execute(sql: """
                CREATE TABLE response_count (
                    campaign_id TEXT NOT NULL REFERENCES campaign(id),
                    organization_id TEXT NOT NULL REFERENCES organization(id),
                    channel TEXT NOT NULL CHECK (channel IN ('web', 'paper', 'interview', 'phone')),
                    n INTEGER NOT NULL CHECK (n > 0),
                    PRIMARY KEY (campaign_id, organization_id, channel)
                ) WITHOUT ROWID;
                INSERT INTO response_count (campaign_id, organization_id, channel, n)
                    SELECT campaign_id, organization_id, channel, count(*) FROM response
                    GROUP BY campaign_id, organization_id, channel;
                DROP INDEX response_organization;
                """)
        }
        // Foreign keys stay on: a column is only added, and the deferred check would read every row of the database
        // (0.7–1.0 s on the full benchmark, against 0.05 s).
        migrator.registerMigration("v15-score-payload-reference", foreignKeyChecks: .immediate) { db in
            // A stored payload may be compressed against another institution's payload of the same run (the first of
            // its batch, NULL for that one): explanations share most of their text, and what is stored halves.
            try db.execute(sql: """
                ALTER TABLE score_result ADD COLUMN payload_reference TEXT
                    CHECK (payload_reference IS NULL OR (payload_encoding = 'zstd' AND payload_reference <> organization_id));
                """)
        }
        // Foreign keys stay on: a table is only added.
        migrator.registerMigration("v16-response-exclusion", foreignKeyChecks: .immediate) { db in
            // Questionnaires an operator took out of the calculation (a repeat, a test entry), with why, who and when.
            // The response stays as it came; its answers leave the tallies and counts while it is here.
            try db.execute(sql: """
                CREATE TABLE response_exclusion (
                    response_id INTEGER PRIMARY KEY NOT NULL REFERENCES response(id) ON DELETE CASCADE,
                    reason TEXT NOT NULL CHECK (reason <> ''),
                    actor TEXT NOT NULL,
                    excluded_at TEXT NOT NULL
                );
                """)
        }
        // Foreign keys stay on: a column is only added.
        migrator.registerMigration("v17-approved-payload-encoding", foreignKeyChecks: .immediate) { db in
            // An approved version's text is stored as one zstd frame from now on ('zstd'); earlier versions stay as
            // they were ('text').
            try db.execute(sql: """
                ALTER TABLE result_version ADD COLUMN payload_encoding TEXT NOT NULL DEFAULT 'text'
                    CHECK (payload_encoding IN ('text', 'zstd'));
                """)
        }
        return migrator
    }
}
