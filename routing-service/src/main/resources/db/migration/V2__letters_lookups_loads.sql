-- The letters routing decides for, as submitted (the JSON holds the recipient; kept only as long as
-- routing needs it), with what routing is waiting for.
CREATE TABLE routing_letter (
    letter_id        UUID        PRIMARY KEY,
    department       TEXT        NOT NULL,
    letter           TEXT        NOT NULL,
    state            TEXT        NOT NULL,
    next_attempt_at  TIMESTAMPTZ,
    lookup_since     TIMESTAMPTZ,
    routed_channel   TEXT,
    routed_reason    TEXT,
    routed_at        TIMESTAMPTZ,
    decisions        INT         NOT NULL DEFAULT 0,
    unread_deadline  TIMESTAMPTZ,
    read_at          TIMESTAMPTZ,
    fallback_done    BOOLEAN     NOT NULL DEFAULT false,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX routing_letter_due ON routing_letter (next_attempt_at) WHERE state IN ('HELD', 'WAITING_LOOKUP');
CREATE INDEX routing_letter_unread ON routing_letter (unread_deadline)
    WHERE read_at IS NULL AND unread_deadline IS NOT NULL AND fallback_done = false;

-- Answers of the SF1601 registration look-up for citizens the registry has never seen, for a while.
CREATE TABLE lookup_cache (
    citizen_key  TEXT        PRIMARY KEY,
    registered   BOOLEAN     NOT NULL,
    looked_up_at TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL
);

-- Bulk loads of registry snapshots, with progress and the rejected rows (by line number, never the CPR).
CREATE TABLE registry_load (
    id            UUID        PRIMARY KEY,
    started_by    TEXT        NOT NULL,
    started_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ,
    format        TEXT        NOT NULL,
    rows_read     BIGINT      NOT NULL DEFAULT 0,
    rows_loaded   BIGINT      NOT NULL DEFAULT 0,
    rows_rejected BIGINT      NOT NULL DEFAULT 0,
    rejections    TEXT
);
