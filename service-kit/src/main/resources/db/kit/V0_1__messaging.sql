-- Shared by every service (service-kit): the transactional outbox and the consumer inbox.

-- Events written in the same transaction as the change they describe; the relay publishes and deletes them.
CREATE TABLE outbox_event (
    id          BIGSERIAL PRIMARY KEY,
    event_id    UUID        NOT NULL,
    topic       TEXT        NOT NULL,
    record_key  TEXT        NOT NULL,
    event_type  TEXT        NOT NULL,
    payload     TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One row per consumed event id and consumer: the first statement of every consumer's transaction.
CREATE TABLE processed_message (
    consumer     TEXT        NOT NULL,
    event_id     UUID        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
