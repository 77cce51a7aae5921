-- Callback URLs registered by a department (optionally for one unit), with the status kinds wanted.
CREATE TABLE webhook_subscription (
    id          UUID        PRIMARY KEY,
    department  TEXT        NOT NULL,
    unit        TEXT,
    url         TEXT        NOT NULL,
    secret      TEXT        NOT NULL,
    kinds       TEXT        NOT NULL,
    active      BOOLEAN     NOT NULL DEFAULT true,
    created_by  TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX webhook_subscription_department ON webhook_subscription (department) WHERE active;

-- One row per status event and subscription: the delivery log the department can read.
CREATE TABLE webhook_delivery (
    id               BIGSERIAL   PRIMARY KEY,
    subscription_id  UUID        NOT NULL REFERENCES webhook_subscription (id),
    department       TEXT        NOT NULL,
    event_id         UUID        NOT NULL,
    status_kind      TEXT        NOT NULL,
    payload          TEXT        NOT NULL,
    state            TEXT        NOT NULL,
    attempts         INT         NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL,
    last_status_code INT,
    last_error       TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    delivered_at     TIMESTAMPTZ,
    CONSTRAINT webhook_delivery_once UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE state = 'PENDING';
