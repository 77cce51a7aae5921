-- Audit (service-kit): every read of a letter, a document or a citizen's registration, in the database
-- of the service that answered it. Append-only: triggers refuse UPDATE, DELETE and TRUNCATE, so the
-- application (and anyone with its database role) can add rows but never change or remove one.
CREATE TABLE audit_record (
    id          BIGSERIAL   PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    -- Who: the token's subject, its roles (sorted, comma-separated) and its department claim.
    actor       TEXT        NOT NULL,
    roles       TEXT        NOT NULL,
    department  TEXT,
    -- What: READ, DOWNLOAD, LOOKUP, ACCESS_REQUEST; the kind of thing and its id (a citizen is its
    -- keyed hash, never a CPR number).
    action      TEXT        NOT NULL,
    kind        TEXT        NOT NULL,
    subject_id  TEXT        NOT NULL,
    -- Why, when the caller said (X-Purpose header or purpose query parameter; CPR-shaped text masked).
    purpose     TEXT,
    -- OK, NOT_FOUND, DENIED, INVALID, ERROR.
    outcome     TEXT        NOT NULL,
    endpoint    TEXT,
    trace_id    TEXT
);
CREATE INDEX audit_record_subject ON audit_record (kind, subject_id, at);
CREATE INDEX audit_record_actor ON audit_record (actor, at);
CREATE INDEX audit_record_at ON audit_record (at);

CREATE FUNCTION audit_record_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit records are never changed or removed' USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_record_no_change BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_record_append_only();
CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION audit_record_append_only();
