-- Documents are stored once per department, addressed by their SHA-256.
CREATE TABLE document (
    id          UUID        PRIMARY KEY,
    department  TEXT        NOT NULL,
    sha256      TEXT        NOT NULL,
    size_bytes  BIGINT      NOT NULL,
    pages       INT         NOT NULL,
    media_type  TEXT        NOT NULL,
    filename    TEXT,
    content     BYTEA,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    deleted_at  TIMESTAMPTZ,
    CONSTRAINT document_once_per_department UNIQUE (department, sha256)
);

-- A letter: (department, sender_reference) identifies the request that made it.
CREATE TABLE letter (
    id                         UUID        PRIMARY KEY,
    department                 TEXT        NOT NULL,
    sender_reference           TEXT        NOT NULL,
    request_hash               TEXT        NOT NULL,
    intake_path                TEXT        NOT NULL,
    status                     TEXT        NOT NULL,
    recipient_type             TEXT        NOT NULL,
    recipient                  TEXT        NOT NULL,
    subject                    TEXT        NOT NULL,
    postage_class              TEXT        NOT NULL,
    force_paper                BOOLEAN     NOT NULL,
    mandatory                  BOOLEAN     NOT NULL,
    legal_notification         BOOLEAN     NOT NULL,
    not_before                 TIMESTAMPTZ,
    print_if_unread_after_days INT,
    cost_centre                TEXT,
    document_id                UUID        NOT NULL REFERENCES document (id),
    created_at                 TIMESTAMPTZ NOT NULL,
    updated_at                 TIMESTAMPTZ NOT NULL,
    CONSTRAINT letter_once_per_reference UNIQUE (department, sender_reference)
);
CREATE INDEX letter_department_created ON letter (department, created_at);

-- What happened to a letter, in order, from its own and the other services' events.
CREATE TABLE timeline_entry (
    id          BIGSERIAL   PRIMARY KEY,
    letter_id   UUID        NOT NULL REFERENCES letter (id),
    occurred_at TIMESTAMPTZ NOT NULL,
    kind        TEXT        NOT NULL,
    channel     TEXT,
    reason      TEXT,
    detail      TEXT,
    event_id    UUID        NOT NULL UNIQUE
);
CREATE INDEX timeline_entry_letter ON timeline_entry (letter_id, occurred_at, id);
