-- Everything the worker needs to build and send the MeMo message without reading Kafka again, and
-- the durable state of each delivery: a restart resumes every letter with its transaction id.
ALTER TABLE digital_delivery
    ADD COLUMN cost_centre        TEXT,
    ADD COLUMN recipient_type     TEXT,
    ADD COLUMN recipient_id       TEXT,          -- CPR or CVR number; set to NULL when the delivery is final
    ADD COLUMN subject            TEXT,
    ADD COLUMN mandatory          BOOLEAN     NOT NULL DEFAULT false,
    ADD COLUMN legal_notification BOOLEAN     NOT NULL DEFAULT false,
    ADD COLUMN postage_class      TEXT,
    ADD COLUMN filename           TEXT,
    ADD COLUMN pages              INT         NOT NULL DEFAULT 0,
    ADD COLUMN reschedules        INT         NOT NULL DEFAULT 0,
    ADD COLUMN next_attempt_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    ADD COLUMN deadline           TIMESTAMPTZ,
    ADD COLUMN claim_token        UUID,
    ADD COLUMN last_error         TEXT,
    ADD COLUMN transient_reported BOOLEAN     NOT NULL DEFAULT false,
    ADD COLUMN failure_kind       TEXT,
    ADD COLUMN delivered_at       TIMESTAMPTZ,
    ADD COLUMN digital_fee        NUMERIC(12, 4),
    ADD COLUMN tariff_id          TEXT,
    ADD COLUMN read_at            TIMESTAMPTZ,
    ADD COLUMN receipt_failed_at  TIMESTAMPTZ,
    ADD COLUMN receipt_failure    TEXT,
    ADD COLUMN updated_at         TIMESTAMPTZ NOT NULL DEFAULT now();
UPDATE digital_delivery SET deadline = received_at + interval '30 minutes' WHERE deadline IS NULL;
ALTER TABLE digital_delivery ALTER COLUMN deadline SET NOT NULL;

-- The worker's claim: due letters, oldest first (SENDING rows whose lease ran out are due again).
CREATE INDEX digital_delivery_due ON digital_delivery (next_attempt_at) WHERE status IN ('PENDING', 'SENDING');

-- Cancellations, also of letters not routed here yet: a letter cancelled before it is sent is never sent.
CREATE TABLE cancelled_letter (
    letter_id    UUID        PRIMARY KEY,
    reason       TEXT,
    cancelled_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Tariff versions from tariffs.published.v1 (compacted): the Digital Post fee in force on a delivery date.
CREATE TABLE tariff_version (
    tariff_id        TEXT           PRIMARY KEY,
    effective_from   DATE           NOT NULL,
    digital_post_fee NUMERIC(12, 4),
    label            TEXT,
    published_at     TIMESTAMPTZ    NOT NULL
);
CREATE INDEX tariff_version_effective ON tariff_version (effective_from);
