-- Observability: the letter's trace continues in the delivery worker (W3C trace context of the routed
-- record), and the end-to-end latency runs from the letter's submission, not from its arrival here.
ALTER TABLE digital_delivery
    ADD COLUMN traceparent  TEXT,
    ADD COLUMN tracestate   TEXT,
    ADD COLUMN submitted_at TIMESTAMPTZ;
