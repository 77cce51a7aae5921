-- Timeline ids are handed out 50 at a time (Hibernate's pooled optimizer, TimelineEntry), so the
-- entries of a poll's events reach PostgreSQL as batched INSERTs at its flush instead of one INSERT
-- each the moment they are recorded (an IDENTITY id has to be read back at once). Ids already used
-- stay below every block handed out from now on; an INSERT that takes the column default still
-- gets a value of its own.
ALTER SEQUENCE timeline_entry_id_seq INCREMENT BY 50;
