-- AlertWorker schema, version 5 (SQLite): status callbacks that came before the dispatcher recorded
-- the provider's accept (the callback names a provider id no delivery has yet). They are applied, and
-- removed, in the transaction that records the accept; one never matched is removed after a day.
-- status: delivered, undelivered, failed; one row per provider id and status (the first one counts).
CREATE TABLE early_status_reports (
    provider    TEXT NOT NULL,
    provider_id TEXT NOT NULL,
    status      TEXT NOT NULL,
    error_code  TEXT NULL,
    error       TEXT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (provider, provider_id, status)
);
CREATE INDEX ix_early_status_reports_received ON early_status_reports (received_at);
