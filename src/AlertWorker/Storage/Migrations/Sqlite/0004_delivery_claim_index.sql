-- The dispatcher claims due deliveries in sending order: higher level first, then older, then id.
-- This index holds each state's rows in that order (the rowid id last), so a claim reads one batch
-- per state instead of sorting the whole backlog on every round.
CREATE INDEX ix_deliveries_claim ON deliveries (state, level_rank DESC, created_at);
