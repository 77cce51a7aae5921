package dk.brevrute.events;

import java.time.Instant;
import java.util.UUID;

/** What every event has: a unique id (consumers de-duplicate by it) and the time it happened. */
public interface BrevruteEvent {

    UUID eventId();

    Instant occurredAt();
}
