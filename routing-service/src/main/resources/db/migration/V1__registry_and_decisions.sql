-- The registry holds no CPR numbers: a citizen is known by the keyed hash of the number.
CREATE TABLE registration (
    citizen_key  TEXT        PRIMARY KEY,
    status       TEXT        NOT NULL CHECK (status IN ('REGISTERED', 'EXEMPT', 'UNREGISTERED')),
    exempt_until DATE,
    changed_at   TIMESTAMPTZ NOT NULL,
    event_id     UUID        NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Every routing decision, in order per letter.
CREATE TABLE routing_decision (
    letter_id    UUID        NOT NULL,
    sequence     INT         NOT NULL,
    department   TEXT        NOT NULL,
    channel      TEXT        NOT NULL CHECK (channel IN ('DIGITAL', 'PRINT')),
    reason       TEXT        NOT NULL,
    failure_kind TEXT,
    decided_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (letter_id, sequence)
);
