-- Letters: what preparation found (document, address, sheets), where they went, what they cost.
ALTER TABLE print_letter
    ADD COLUMN cost_centre          TEXT,
    -- Held only until the address is resolved, for the CPR-register look-up; then cleared.
    ADD COLUMN recipient_cpr        TEXT,
    ADD COLUMN request_address      TEXT,
    ADD COLUMN citizen_key          TEXT,
    ADD COLUMN address_key          TEXT,
    ADD COLUMN address_source       TEXT CHECK (address_source IN ('WINDOW', 'REQUEST', 'CPR_REGISTER')),
    ADD COLUMN address_protected    BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN addr_name            TEXT,
    ADD COLUMN addr_street          TEXT,
    ADD COLUMN addr_supplement      TEXT,
    ADD COLUMN addr_postcode        TEXT,
    ADD COLUMN addr_city            TEXT,
    ADD COLUMN addr_country         TEXT,
    ADD COLUMN zone                 TEXT,
    ADD COLUMN sheets               INT,
    ADD COLUMN envelope_size        TEXT,
    ADD COLUMN attempts             INT NOT NULL DEFAULT 0,
    ADD COLUMN next_attempt_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    ADD COLUMN claimed_until        TIMESTAMPTZ,
    ADD COLUMN batch_id             UUID,
    ADD COLUMN envelope_id          UUID,
    ADD COLUMN envelope_position    INT,
    ADD COLUMN left_batch_id        UUID,
    ADD COLUMN failure_reason       TEXT,
    ADD COLUMN letter_sheets        INT,
    ADD COLUMN postage              NUMERIC(12, 2),
    ADD COLUMN material_cost        NUMERIC(12, 2),
    ADD COLUMN consolidation_saving NUMERIC(12, 2),
    ADD COLUMN tariff_id            TEXT,
    ADD COLUMN delivered_at         TIMESTAMPTZ,
    ADD COLUMN returned_at          TIMESTAMPTZ,
    ADD COLUMN return_reason        TEXT,
    ADD COLUMN returned_by          TEXT,
    ADD COLUMN updated_at           TIMESTAMPTZ NOT NULL DEFAULT now();
DROP INDEX IF EXISTS print_letter_status;
CREATE INDEX print_letter_to_prepare ON print_letter (next_attempt_at) WHERE status = 'WAITING';
CREATE INDEX print_letter_batch ON print_letter (batch_id, envelope_id, envelope_position);

-- A print batch: letters of one postage class and envelope size, printed as one file.
CREATE TABLE print_batch (
    id                  UUID        PRIMARY KEY,
    postage_class       TEXT        NOT NULL CHECK (postage_class IN ('A', 'B')),
    envelope_size       TEXT        NOT NULL,
    state               TEXT        NOT NULL,
    letters             INT         NOT NULL DEFAULT 0,
    envelopes           INT         NOT NULL DEFAULT 0,
    sheets              INT         NOT NULL DEFAULT 0,
    pages               BIGINT,
    weight_grams        BIGINT,
    postage             NUMERIC(14, 2),
    tariff_id           TEXT,
    opened_at           TIMESTAMPTZ NOT NULL,
    closing_since       TIMESTAMPTZ,
    closed_at           TIMESTAMPTZ,
    close_reason        TEXT,
    claimed_until       TIMESTAMPTZ,
    rendered_at         TIMESTAMPTZ,
    pdf_file            TEXT,
    manifest_csv_file   TEXT,
    manifest_json_file  TEXT,
    failure_reason      TEXT,
    state_since         TIMESTAMPTZ NOT NULL,
    handed_over_at      TIMESTAMPTZ
);
-- One open batch per class and envelope size: letters join it until it closes.
CREATE UNIQUE INDEX print_batch_one_open ON print_batch (postage_class, envelope_size) WHERE state = 'OPEN';
CREATE INDEX print_batch_state ON print_batch (state, state_since);

-- An envelope of a closed batch, in print order (sorted by postcode).
CREATE TABLE print_envelope (
    id           UUID        PRIMARY KEY,
    batch_id     UUID        NOT NULL REFERENCES print_batch (id),
    seq          INT         NOT NULL,
    carrier      BOOLEAN     NOT NULL,
    sheets       INT         NOT NULL,
    letters      INT         NOT NULL,
    zone         TEXT        NOT NULL,
    country      TEXT        NOT NULL,
    postcode     TEXT,
    weight_grams INT,
    postage      NUMERIC(12, 2),
    UNIQUE (batch_id, seq)
);

-- Who moved a batch when: every lifecycle step, attributed.
CREATE TABLE batch_transition (
    id         BIGSERIAL   PRIMARY KEY,
    batch_id   UUID        NOT NULL REFERENCES print_batch (id),
    from_state TEXT,
    to_state   TEXT        NOT NULL,
    at         TIMESTAMPTZ NOT NULL,
    operator   TEXT        NOT NULL,
    reason     TEXT
);
CREATE INDEX batch_transition_batch ON batch_transition (batch_id, id);

-- Tariff versions from tariffs.published.v1 (the savings ledger's), payload kept whole.
CREATE TABLE tariff_version (
    tariff_id      TEXT        PRIMARY KEY,
    effective_from DATE        NOT NULL,
    published_at   TIMESTAMPTZ NOT NULL,
    payload        TEXT        NOT NULL
);
CREATE INDEX tariff_version_in_force ON tariff_version (effective_from DESC, published_at DESC);

-- Letters cancelled before the print centre heard of them: a later PRINT decision is not queued.
CREATE TABLE cancelled_letter (
    letter_id    UUID        PRIMARY KEY,
    cancelled_at TIMESTAMPTZ NOT NULL
);
