-- AlertWorker schema, version 2 (SQLite): sending, answers (叫应) and escalation.

-- A notification's 叫应 cycle. state: planned (nothing accepted yet), sent (a provider accepted a
-- send), acknowledged (answered by the person or confirmed on their behalf), closed (ended without
-- an answer: its warning was cancelled, expired or superseded), failed (every channel failed for good).
-- The table is rebuilt (nothing references it yet) so that one person can get several escalation
-- notices about one warning: a planned notice stays unique per warning, person and kind; an escalation
-- notice per silent notification, step and person.
CREATE TABLE notifications_v2 (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    warning_key       TEXT NOT NULL REFERENCES warnings (key),
    chain_key         TEXT NOT NULL,
    person_id         TEXT NOT NULL,
    kind              TEXT NOT NULL,
    level             TEXT NOT NULL,
    level_rank        INTEGER NOT NULL,
    channels          TEXT NOT NULL,
    roles             TEXT NOT NULL,
    hazard_points     TEXT NOT NULL,
    exercise          INTEGER NOT NULL,
    fallback          INTEGER NOT NULL,
    state             TEXT NOT NULL DEFAULT 'planned',
    created_at        TEXT NOT NULL,
    short_code        TEXT NULL UNIQUE,
    attempts          INTEGER NOT NULL DEFAULT 0,
    sent_at           TEXT NULL,
    acknowledged_at   TEXT NULL,
    last_error        TEXT NULL,
    answer_expected   INTEGER NOT NULL DEFAULT 0,
    escalation_of     INTEGER NULL REFERENCES notifications (id),
    escalation_step   INTEGER NULL,
    first_accepted_at TEXT NULL,
    delivered_at      TEXT NULL,
    answer_method     TEXT NULL,
    answered_by       TEXT NULL,
    answer_note       TEXT NULL,
    closed_reason     TEXT NULL,
    flagged           TEXT NULL
);
INSERT INTO notifications_v2 (id, warning_key, chain_key, person_id, kind, level, level_rank, channels, roles, hazard_points,
                              exercise, fallback, state, created_at, short_code, attempts, sent_at, acknowledged_at, last_error)
SELECT id, warning_key, chain_key, person_id, kind, level, level_rank, channels, roles, hazard_points,
       exercise, fallback, state, created_at, short_code, attempts, sent_at, acknowledged_at, last_error
FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_v2 RENAME TO notifications;
CREATE UNIQUE INDEX ux_notifications_notice ON notifications (warning_key, person_id, kind) WHERE escalation_of IS NULL;
CREATE UNIQUE INDEX ux_notifications_escalation ON notifications (escalation_of, escalation_step, person_id) WHERE escalation_of IS NOT NULL;
CREATE INDEX ix_notifications_state ON notifications (state, level_rank, created_at);
CREATE INDEX ix_notifications_chain_key ON notifications (chain_key);
CREATE INDEX ix_notifications_person ON notifications (person_id, state);

-- One send of a notification over one channel (round 0 = the first send, n = escalation repeat n).
-- state: queued, sending (claimed under a lease), accepted (the provider confirmed the request),
-- delivered, undelivered, failed (permanent, or transient past the last attempt), cancelled
-- (never sent: its warning was cancelled or expired, or the notification was answered).
CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    notification_id INTEGER NOT NULL REFERENCES notifications (id),
    channel         TEXT NOT NULL,
    round           INTEGER NOT NULL DEFAULT 0,
    fallback        INTEGER NOT NULL DEFAULT 0,
    state           TEXT NOT NULL DEFAULT 'queued',
    level_rank      INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    lease_owner     TEXT NULL,
    lease_until     TEXT NULL,
    provider        TEXT NULL,
    provider_id     TEXT NULL,
    accepted_at     TEXT NULL,
    delivered_at    TEXT NULL,
    failed_at       TEXT NULL,
    error           TEXT NULL,
    error_code      TEXT NULL,
    UNIQUE (notification_id, channel, round)
);
CREATE INDEX ix_deliveries_due ON deliveries (state, level_rank, created_at);
CREATE UNIQUE INDEX ix_deliveries_provider_id ON deliveries (provider, provider_id) WHERE provider_id IS NOT NULL;

-- Every attempt at a delivery, as it happened.
CREATE TABLE delivery_attempts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id INTEGER NOT NULL REFERENCES deliveries (id),
    at          TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    provider_id TEXT NULL,
    error       TEXT NULL
);
CREATE INDEX ix_delivery_attempts_delivery ON delivery_attempts (delivery_id);

-- What the local outbox channel "sent" when a provider has no credentials.
CREATE TABLE outbox_messages (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id INTEGER NOT NULL REFERENCES deliveries (id),
    channel     TEXT NOT NULL,
    address     TEXT NOT NULL,
    subject     TEXT NULL,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- Each escalation step taken for a silent notification.
CREATE TABLE escalation_steps (
    notification_id INTEGER NOT NULL REFERENCES notifications (id),
    step            INTEGER NOT NULL,
    action          TEXT NOT NULL,
    due_at          TEXT NOT NULL,
    done_at         TEXT NOT NULL,
    targets         TEXT NOT NULL,
    PRIMARY KEY (notification_id, step)
);

-- Everything that came in: SMS replies, key presses, free text (shown to the duty officer).
CREATE TABLE inbound_messages (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    received_at      TEXT NOT NULL,
    channel          TEXT NOT NULL,
    from_address     TEXT NOT NULL,
    body             TEXT NOT NULL,
    provider_id      TEXT NULL UNIQUE,
    outcome          TEXT NOT NULL,
    notification_ids TEXT NOT NULL DEFAULT '[]',
    help_sent        INTEGER NOT NULL DEFAULT 0
);
