-- Observability (service-kit): one trace per letter across the outbox, and re-driven dead letters.

-- The W3C trace context of the transaction that appended the event; the relay sends it as record headers.
ALTER TABLE outbox_event ADD COLUMN traceparent TEXT;
ALTER TABLE outbox_event ADD COLUMN tracestate TEXT;

-- Dead-letter records an operator sent back to their source topic: who, when, why. The primary key is
-- the dead-letter record itself, so no record is re-driven twice.
CREATE TABLE dead_letter_redrive (
    dlq_topic        TEXT        NOT NULL,
    dlq_partition    INTEGER     NOT NULL,
    dlq_offset       BIGINT      NOT NULL,
    source_topic     TEXT        NOT NULL,
    source_partition INTEGER,
    source_offset    BIGINT,
    event_id         TEXT,
    reason           TEXT,
    redriven_by      TEXT        NOT NULL,
    note             TEXT,
    redriven_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (dlq_topic, dlq_partition, dlq_offset)
);
