-- AlertWorker schema, version 7: a delivery's accepted attempt is recorded once per provider id, whether
-- the instance that sent it records it or a status callback naming the delivery does first (or both).
-- The inserts skip a provider id already there with ON CONFLICT DO NOTHING, an index probe per row.
CREATE UNIQUE INDEX ux_delivery_attempts_provider_id ON delivery_attempts (delivery_id, provider_id) WHERE provider_id IS NOT NULL;
