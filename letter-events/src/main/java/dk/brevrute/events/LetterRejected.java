package dk.brevrute.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A request that did not become a letter. Key: {@code <department>:<senderReference>}.
 * Messages never quote a CPR number.
 */
public record LetterRejected(
        UUID eventId,
        Instant occurredAt,
        String department,
        String senderReference,
        String intakePath,
        List<Violation> violations) implements BrevruteEvent {
}
