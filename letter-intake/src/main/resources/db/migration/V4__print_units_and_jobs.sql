-- Citizen-service units (borgerbetjeningsenheder): each a sender under a department, with its own
-- print queue (/ipp/print/<id>) and printer credentials. Only a PBKDF2 hash of the password is kept.
CREATE TABLE print_unit (
    id                  TEXT        PRIMARY KEY,
    department          TEXT        NOT NULL,
    name                TEXT        NOT NULL,
    cost_centre         TEXT,
    password_hash       TEXT        NOT NULL,
    active              BOOLEAN     NOT NULL DEFAULT true,
    created_by          TEXT        NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    password_changed_at TIMESTAMPTZ NOT NULL,
    deactivated_at      TIMESTAMPTZ
);
CREATE INDEX print_unit_department ON print_unit (department);

-- A print job (IPP job-id = id) or a hot-folder file of a unit, and what became of it: a letter,
-- a rejection, or a place in the unit's review queue.
CREATE TABLE print_job (
    id               INTEGER     GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit             TEXT        NOT NULL REFERENCES print_unit (id),
    department       TEXT        NOT NULL,
    source           TEXT        NOT NULL,
    source_key       TEXT,
    state            TEXT        NOT NULL,
    state_reasons    TEXT        NOT NULL,
    state_message    TEXT,
    job_name         TEXT,
    originating_user TEXT        NOT NULL,
    document_name    TEXT,
    document_format  TEXT,
    size_bytes       BIGINT,
    incoming         BYTEA,
    document_id      UUID        REFERENCES document (id),
    metadata         TEXT,
    subject          TEXT,
    review_reason    TEXT,
    reviewed_by      TEXT,
    letter_id        UUID,
    created_at       TIMESTAMPTZ NOT NULL,
    processing_at    TIMESTAMPTZ,
    completed_at     TIMESTAMPTZ,
    held_since       TIMESTAMPTZ,
    CONSTRAINT print_job_once_per_source UNIQUE (unit, source_key)
);
CREATE INDEX print_job_unit_state ON print_job (unit, state, id);
CREATE INDEX print_job_held ON print_job (department, unit, held_since) WHERE state = 'PENDING_HELD';
CREATE INDEX print_job_incoming ON print_job (created_at) WHERE state = 'PENDING';
CREATE INDEX print_job_document ON print_job (document_id);
