-- DIGITAL-routed letters and their delivery to Digital Post. The transaction id is fixed per letter,
-- so every retry, also after a crash, is the same SF1601 transaction.
CREATE TABLE digital_delivery (
    letter_id       UUID        PRIMARY KEY,
    transaction_id  UUID        NOT NULL UNIQUE,
    department      TEXT        NOT NULL,
    routing_reason  TEXT        NOT NULL,
    document_id     TEXT        NOT NULL,
    document_sha256 TEXT        NOT NULL,
    status          TEXT        NOT NULL,
    attempts        INT         NOT NULL DEFAULT 0,
    received_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX digital_delivery_status ON digital_delivery (status);
