-- When SF1601 last answered that the recipient can receive Digital Post, as routing-service's decision
-- carried it (LetterRouted.registrationCheckedAt): an attempt asks PostForespoerg again only when that
-- answer is older than gateway.sf1601.registration-check-max-age (or absent).
ALTER TABLE digital_delivery
    ADD COLUMN registration_checked_at TIMESTAMPTZ;
