-- The dispatcher claims due deliveries in sending order: higher level first, then older, then id
-- (Sqlite/0004_delivery_claim_index.sql; SQLite has the rowid last in every index, PostgreSQL is told).
CREATE INDEX ix_deliveries_claim ON deliveries (state, level_rank DESC, created_at, id);
