-- One booking per delivered letter and channel: a letter printed after an unread digital copy books both.
CREATE TABLE booking (
    id            BIGSERIAL PRIMARY KEY,
    letter_id     UUID          NOT NULL,
    channel       TEXT          NOT NULL CHECK (channel IN ('DIGITAL', 'PRINT')),
    department    TEXT          NOT NULL,
    cost_centre   TEXT,
    delivered_at  TIMESTAMPTZ   NOT NULL,
    sheets        INT           NOT NULL,
    postage       NUMERIC(12,2),
    material_cost NUMERIC(12,2),
    digital_fee   NUMERIC(12,2),
    tariff_id     TEXT,
    event_id      UUID          NOT NULL,
    booked_at     TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT booking_once_per_channel UNIQUE (letter_id, channel)
);
CREATE INDEX booking_department_delivered ON booking (department, delivered_at);
