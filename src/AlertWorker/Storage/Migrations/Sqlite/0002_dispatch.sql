-- AlertWorker schema, version 2 (SQLite): sending, answers (叫应) and escalation.

-- A notification's 叫应 cycle. state: planned (nothing accepted yet), sent (a provider accepted a
-- send), acknowledged (answered by the person or confirmed on their behalf), closed (ended without
-- an answer: its warning was cancelled, expired or superseded), failed (every channel failed for good).
ALTER TABLE notifications ADD COLUMN answer_expected   INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notifications ADD COLUMN escalation_of     INTEGER NULL REFERENCES notifications (id);
ALTER TABLE notifications ADD COLUMN escalation_step   INTEGER NULL;
ALTER TABLE notifications ADD COLUMN first_accepted_at TEXT NULL;
ALTER TABLE notifications ADD COLUMN delivered_at      TEXT NULL;
ALTER TABLE notifications ADD COLUMN answer_method     TEXT NULL;
ALTER TABLE notifications ADD COLUMN answered_by       TEXT NULL;
ALTER TABLE notifications ADD COLUMN answer_note       TEXT NULL;
ALTER TABLE notifications ADD COLUMN closed_reason     TEXT NULL;
ALTER TABLE notifications ADD COLUMN flagged           TEXT NULL;
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
