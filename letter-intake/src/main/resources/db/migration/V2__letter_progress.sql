ALTER TABLE letter ADD COLUMN in_closed_batch BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE letter ADD COLUMN delivered_channels TEXT;
CREATE INDEX letter_department_status ON letter (department, status);
CREATE INDEX letter_department_reference ON letter (department, sender_reference);
