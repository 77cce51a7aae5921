-- Security (#11): retention. A finished letter keeps what was sent (ids, status, batch, envelope,
-- costs, zone, postcode, city, country, citizen key) but loses the recipient's CPR number, name,
-- street and the request's address after print.retention.address; a handed-over batch loses its
-- print file and manifests (names and addresses on carrier sheets) after print.retention.print-files.
ALTER TABLE print_letter ADD COLUMN address_removed_at TIMESTAMPTZ;
ALTER TABLE print_batch ADD COLUMN files_removed_at TIMESTAMPTZ;
CREATE INDEX print_letter_retention ON print_letter (updated_at)
    WHERE address_removed_at IS NULL AND status IN ('DELIVERED', 'RETURNED', 'FAILED', 'CANCELLED', 'REROUTED');
CREATE INDEX print_letter_citizen ON print_letter (citizen_key) WHERE citizen_key IS NOT NULL;
