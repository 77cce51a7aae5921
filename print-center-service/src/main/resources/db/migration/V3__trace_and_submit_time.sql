-- Observability: each letter keeps its trace (W3C trace context of the routed record), so the events
-- of its batch continue it, and its submission time, for the end-to-end latency.
ALTER TABLE print_letter
    ADD COLUMN traceparent  TEXT,
    ADD COLUMN tracestate   TEXT,
    ADD COLUMN submitted_at TIMESTAMPTZ;
