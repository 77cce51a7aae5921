-- Security (#11): letters found by citizen for access requests, CPR-bearing content removed by
-- retention, and every change of a citizen's registration kept (by keyed hash).

-- The keyed hash of the recipient's CPR number (null for companies and address-only letters), kept
-- after retention masked the letter, so an access request still finds what was sent to a citizen.
ALTER TABLE routing_letter
    ADD COLUMN citizen_key         TEXT,
    ADD COLUMN content_stripped_at TIMESTAMPTZ;
CREATE INDEX routing_letter_citizen ON routing_letter (citizen_key) WHERE citizen_key IS NOT NULL;
CREATE INDEX routing_letter_unstripped ON routing_letter (updated_at) WHERE content_stripped_at IS NULL;

-- Registration history: every state a citizen's registration had, appended by a trigger whenever the
-- registry row is inserted or its state changes (topic and snapshots alike).
CREATE TABLE registration_history (
    id           BIGSERIAL   PRIMARY KEY,
    citizen_key  TEXT        NOT NULL,
    status       TEXT        NOT NULL,
    exempt_until DATE,
    changed_at   TIMESTAMPTZ NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX registration_history_citizen ON registration_history (citizen_key, changed_at);

CREATE FUNCTION registration_history_append() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status OR NEW.exempt_until IS DISTINCT FROM OLD.exempt_until
            OR NEW.changed_at IS DISTINCT FROM OLD.changed_at THEN
        INSERT INTO registration_history (citizen_key, status, exempt_until, changed_at)
        VALUES (NEW.citizen_key, NEW.status, NEW.exempt_until, NEW.changed_at);
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER registration_history_on_change AFTER INSERT OR UPDATE ON registration
    FOR EACH ROW EXECUTE FUNCTION registration_history_append();

-- What was in the registry before this migration: its current state is the first history entry.
INSERT INTO registration_history (citizen_key, status, exempt_until, changed_at)
SELECT citizen_key, status, exempt_until, changed_at FROM registration;
