-- AlertWorker schema, version 6 (SQLite): who made each directory version (NULL: read from the
-- config folder; else the admin's user name) and the audit log of every change (SPEC §9): one row
-- per row of a table that a version added, changed or removed, with its columns before and after
-- as JSON objects (column name -> value). A first version is logged as one 'loaded' row per table.
ALTER TABLE directory_versions ADD COLUMN changed_by TEXT NULL;

CREATE TABLE directory_changes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    version     INTEGER NOT NULL REFERENCES directory_versions (version),
    changed_at  TEXT NOT NULL,
    changed_by  TEXT NULL,
    table_name  TEXT NOT NULL,
    action      TEXT NOT NULL,
    row_key     TEXT NOT NULL,
    before      TEXT NULL,
    after       TEXT NULL
);
CREATE INDEX ix_directory_changes_version ON directory_changes (version);
