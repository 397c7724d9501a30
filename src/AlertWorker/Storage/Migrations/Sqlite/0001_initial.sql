-- AlertWorker schema, version 1 (SQLite).
-- Kept close to portable SQL so that a PostgreSQL script set can mirror it: times are ISO 8601
-- UTC text here (timestamptz there), JSON is TEXT here (jsonb there), booleans are INTEGER 0/1
-- here (boolean there), the notification id is AUTOINCREMENT here (GENERATED AS IDENTITY there).

-- Every warning document seen, ignored ones included: the key is what makes duplicates detectable.
CREATE TABLE warnings (
    key          TEXT NOT NULL PRIMARY KEY,
    chain_key    TEXT NOT NULL,
    sender       TEXT NOT NULL,
    identifier   TEXT NOT NULL,
    sent         TEXT NOT NULL,
    status       TEXT NOT NULL,
    msg_type     TEXT NOT NULL,
    level        TEXT NOT NULL,
    action       TEXT NOT NULL,
    reason       TEXT NULL,
    received_at  TEXT NOT NULL,
    feed_id      TEXT NOT NULL,
    expires      TEXT NULL,
    document     TEXT NOT NULL
);
CREATE INDEX ix_warnings_chain_key ON warnings (chain_key);
CREATE INDEX ix_warnings_received_at ON warnings (received_at);

-- The state of each Update/Cancel chain, as the next lifecycle decision needs it.
CREATE TABLE warning_chains (
    chain_key    TEXT NOT NULL PRIMARY KEY,
    state        TEXT NOT NULL,
    cancelled    INTEGER NOT NULL,
    expires      TEXT NULL,
    updated_at   TEXT NOT NULL
);

-- The outbox: one row per planned notice, written with its warning in one transaction.
CREATE TABLE notifications (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    warning_key     TEXT NOT NULL REFERENCES warnings (key),
    chain_key       TEXT NOT NULL,
    person_id       TEXT NOT NULL,
    kind            TEXT NOT NULL,
    level           TEXT NOT NULL,
    level_rank      INTEGER NOT NULL,
    channels        TEXT NOT NULL,
    roles           TEXT NOT NULL,
    hazard_points   TEXT NOT NULL,
    exercise        INTEGER NOT NULL,
    fallback        INTEGER NOT NULL,
    state           TEXT NOT NULL DEFAULT 'planned',
    created_at      TEXT NOT NULL,
    short_code      TEXT NULL UNIQUE,
    attempts        INTEGER NOT NULL DEFAULT 0,
    sent_at         TEXT NULL,
    acknowledged_at TEXT NULL,
    last_error      TEXT NULL,
    UNIQUE (warning_key, person_id, kind)
);
CREATE INDEX ix_notifications_state ON notifications (state, level_rank, created_at);
CREATE INDEX ix_notifications_chain_key ON notifications (chain_key);

-- What each feed's last polls gave; staleness is computed from last_success, never stored.
CREATE TABLE feed_health (
    feed_id              TEXT NOT NULL PRIMARY KEY,
    last_attempt         TEXT NULL,
    last_success         TEXT NULL,
    last_error           TEXT NULL,
    last_error_at        TEXT NULL,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    last_change          TEXT NULL,
    content_hash         TEXT NULL,
    rejected_count_last  INTEGER NOT NULL DEFAULT 0,
    rejections_last      TEXT NOT NULL DEFAULT '[]',
    etag                 TEXT NULL,
    last_modified        TEXT NULL
);

-- Entries of cap-index feeds already fetched, so that unchanged ones are not fetched again.
CREATE TABLE index_entries (
    feed_id     TEXT NOT NULL,
    entry_id    TEXT NOT NULL,
    updated     TEXT NULL,
    url         TEXT NOT NULL,
    fetched_at  TEXT NOT NULL,
    PRIMARY KEY (feed_id, entry_id)
);

-- Snapshots of the directory as loaded, for the record of who was responsible when.
CREATE TABLE directory_versions (
    version    INTEGER NOT NULL PRIMARY KEY,
    loaded_at  TEXT NOT NULL,
    source     TEXT NOT NULL,
    content    TEXT NOT NULL
);
