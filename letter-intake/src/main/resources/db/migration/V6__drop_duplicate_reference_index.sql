-- letter_once_per_reference (V1), a UNIQUE constraint, is already an index on (department, sender_reference):
-- the second one only cost every letter insert an index update.
DROP INDEX IF EXISTS letter_department_reference;
