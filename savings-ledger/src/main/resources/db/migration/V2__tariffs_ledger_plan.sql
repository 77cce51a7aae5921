-- Tariffs, the ledger of money entries, closed months, the plan inputs finance enters, and what
-- routing and returns tell the ledger. Bookings, entries and tariff versions are append-only:
-- corrections are new rows, never edits (enforced by triggers below).

-- Pricing inputs of a booking, when the delivering service reported them (else from the route, else defaults).
ALTER TABLE booking ADD COLUMN postage_class TEXT CHECK (postage_class IN ('A', 'B'));
ALTER TABLE booking ADD COLUMN zone TEXT CHECK (zone IN ('DK', 'EUROPE', 'WORLD'));
CREATE INDEX booking_channel_delivered ON booking (channel, delivered_at, id);

-- One version of the tariff, in force from effective_from until the next version's date.
CREATE TABLE tariff_version (
    tariff_id           TEXT          PRIMARY KEY,
    effective_from      DATE          NOT NULL UNIQUE,
    label               TEXT,
    example             BOOLEAN       NOT NULL DEFAULT false,
    paper_per_sheet     NUMERIC(12,4) NOT NULL CHECK (paper_per_sheet >= 0),
    print_per_sheet     NUMERIC(12,4) NOT NULL CHECK (print_per_sheet >= 0),
    handling_per_letter NUMERIC(12,4) NOT NULL CHECK (handling_per_letter >= 0),
    digital_post_fee    NUMERIC(12,4) NOT NULL CHECK (digital_post_fee >= 0),
    sheet_weight_grams  INT           NOT NULL CHECK (sheet_weight_grams >= 1),
    created_by          TEXT          NOT NULL,
    created_at          TIMESTAMPTZ   NOT NULL DEFAULT now()
);

CREATE TABLE tariff_postage_rate (
    tariff_id        TEXT          NOT NULL REFERENCES tariff_version (tariff_id),
    postage_class    TEXT          NOT NULL CHECK (postage_class IN ('A', 'B')),
    zone             TEXT          NOT NULL CHECK (zone IN ('DK', 'EUROPE', 'WORLD')),
    max_weight_grams INT           NOT NULL CHECK (max_weight_grams >= 1),
    price            NUMERIC(12,4) NOT NULL CHECK (price >= 0),
    PRIMARY KEY (tariff_id, postage_class, zone, max_weight_grams)
);

CREATE TABLE tariff_envelope (
    tariff_id    TEXT          NOT NULL REFERENCES tariff_version (tariff_id),
    size         TEXT          NOT NULL,
    price        NUMERIC(12,4) NOT NULL CHECK (price >= 0),
    weight_grams INT           NOT NULL CHECK (weight_grams >= 0),
    max_sheets   INT           NOT NULL CHECK (max_sheets >= 1),
    PRIMARY KEY (tariff_id, size)
);

-- A version is published once on tariffs.published.v1 (through the outbox); a row here says it was.
CREATE TABLE tariff_publication (
    tariff_id    TEXT        PRIMARY KEY REFERENCES tariff_version (tariff_id),
    event_id     UUID        NOT NULL,
    published_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A new version re-prices the digital bookings from its date: correction entries, written in batches.
CREATE TABLE repricing_job (
    id              BIGSERIAL   PRIMARY KEY,
    tariff_id       TEXT        NOT NULL REFERENCES tariff_version (tariff_id),
    from_date       DATE        NOT NULL,
    to_date         DATE,
    next_booking_id BIGINT      NOT NULL DEFAULT 0,
    corrections     INT         NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    done_at         TIMESTAMPTZ
);
CREATE INDEX repricing_job_pending ON repricing_job (id) WHERE done_at IS NULL;

-- Months finance has closed: no entry ever lands in one again.
CREATE TABLE closed_month (
    month     DATE        PRIMARY KEY CHECK (extract(day FROM month) = 1),
    closed_by TEXT        NOT NULL,
    closed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The ledger: every amount and count that reports add up, in the accounting month (period) it landed in.
CREATE TABLE ledger_entry (
    id              BIGSERIAL     PRIMARY KEY,
    kind            TEXT          NOT NULL CHECK (kind IN ('DIGITAL_SAVING', 'PRINT_COST', 'PAPER_AFTER_DIGITAL',
                                                           'TARIFF_CORRECTION', 'RETURNED')),
    booking_id      BIGINT        REFERENCES booking (id),
    letter_id       UUID          NOT NULL,
    department      TEXT          NOT NULL,
    cost_centre     TEXT,
    period          DATE          NOT NULL CHECK (extract(day FROM period) = 1),
    event_date      DATE          NOT NULL,
    digital_letters INT           NOT NULL DEFAULT 0,
    print_letters   INT           NOT NULL DEFAULT 0,
    returned_letters INT          NOT NULL DEFAULT 0,
    saving          NUMERIC(14,2) NOT NULL DEFAULT 0,
    print_cost      NUMERIC(14,2) NOT NULL DEFAULT 0,
    digital_fee     NUMERIC(14,2) NOT NULL DEFAULT 0,
    tariff_id       TEXT,
    priced          BOOLEAN       NOT NULL DEFAULT true,
    note            TEXT,
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX ledger_entry_period ON ledger_entry (period, department);
CREATE INDEX ledger_entry_booking ON ledger_entry (booking_id);
CREATE INDEX ledger_entry_letter ON ledger_entry (letter_id);
CREATE UNIQUE INDEX ledger_entry_returned_once ON ledger_entry (letter_id) WHERE kind = 'RETURNED';

-- What routing decided for a letter (no recipient data): class, zone and pages price a digital letter
-- whose delivery did not report them; the reason tells a paper fallback.
CREATE TABLE letter_route (
    letter_id     UUID        NOT NULL,
    sequence      INT         NOT NULL,
    department    TEXT        NOT NULL,
    channel       TEXT        NOT NULL CHECK (channel IN ('DIGITAL', 'PRINT')),
    reason        TEXT        NOT NULL,
    postage_class TEXT,
    zone          TEXT,
    pages         INT,
    routed_at     TIMESTAMPTZ NOT NULL,
    event_id      UUID        NOT NULL,
    PRIMARY KEY (letter_id, sequence)
);

-- Plan inputs finance enters; append-only, the latest row per year counts, who and when recorded.
CREATE TABLE actual_investment (
    id         BIGSERIAL     PRIMARY KEY,
    year       INT           NOT NULL,
    amount_dkk NUMERIC(14,2) NOT NULL,
    note       TEXT,
    entered_by TEXT          NOT NULL,
    entered_at TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE TABLE price_index (
    id          BIGSERIAL     PRIMARY KEY,
    year        INT           NOT NULL,
    index_value NUMERIC(10,4) NOT NULL CHECK (index_value > 0),
    entered_by  TEXT          NOT NULL,
    entered_at  TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE TABLE plan_year (
    id                   BIGSERIAL     PRIMARY KEY,
    year                 INT           NOT NULL CHECK (year > 2018),
    from_investment_pool NUMERIC(14,3) NOT NULL,
    from_departments     NUMERIC(14,3) NOT NULL,
    gain_total           NUMERIC(14,3) NOT NULL,
    entered_by           TEXT          NOT NULL,
    entered_at           TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE TABLE month_profile (
    id         BIGSERIAL   PRIMARY KEY,
    year       INT         NOT NULL,
    weights    TEXT        NOT NULL,
    entered_by TEXT        NOT NULL,
    entered_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE FUNCTION ledger_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% rows are never changed or removed; add a correction instead', TG_TABLE_NAME;
END
$$ LANGUAGE plpgsql;

CREATE FUNCTION ledger_entry_open_period() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM closed_month WHERE month = NEW.period) THEN
        RAISE EXCEPTION 'period % is closed', NEW.period;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER booking_append_only BEFORE UPDATE OR DELETE ON booking
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_entry_in_open_period BEFORE INSERT ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_open_period();
CREATE TRIGGER tariff_version_append_only BEFORE UPDATE OR DELETE ON tariff_version
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER tariff_postage_rate_append_only BEFORE UPDATE OR DELETE ON tariff_postage_rate
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER tariff_envelope_append_only BEFORE UPDATE OR DELETE ON tariff_envelope
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER closed_month_append_only BEFORE UPDATE OR DELETE ON closed_month
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
