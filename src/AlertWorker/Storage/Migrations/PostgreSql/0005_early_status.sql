-- AlertWorker schema, version 5 (PostgreSQL): status callbacks that came before the dispatcher
-- recorded the provider's accept (Sqlite/0005_early_status.sql explains them).
CREATE TABLE early_status_reports (
    provider    text NOT NULL,
    provider_id text NOT NULL,
    status      text NOT NULL,
    error_code  text NULL,
    error       text NULL,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (provider, provider_id, status)
);
CREATE INDEX ix_early_status_reports_received ON early_status_reports (received_at);
