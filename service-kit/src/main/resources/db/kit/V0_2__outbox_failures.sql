-- A record the broker refuses for good (too large, invalid topic) is set aside instead of blocking the
-- rows behind it; it stays in the table, with the reason, for an operator.
ALTER TABLE outbox_event ADD COLUMN failed_at TIMESTAMPTZ;
ALTER TABLE outbox_event ADD COLUMN failure TEXT;
CREATE INDEX outbox_event_pending ON outbox_event (id) WHERE failed_at IS NULL;
