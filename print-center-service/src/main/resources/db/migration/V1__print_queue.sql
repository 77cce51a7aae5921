-- PRINT-routed letters waiting for a print batch.
CREATE TABLE print_letter (
    letter_id       UUID        PRIMARY KEY,
    department      TEXT        NOT NULL,
    postage_class   TEXT        NOT NULL CHECK (postage_class IN ('A', 'B')),
    routing_reason  TEXT        NOT NULL,
    routing_seq     INT         NOT NULL,
    document_id     TEXT        NOT NULL,
    document_sha256 TEXT        NOT NULL,
    pages           INT         NOT NULL,
    status          TEXT        NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX print_letter_status ON print_letter (status, postage_class);
