package dk.brevrute.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A departmental system asks Brevrute to send a letter. Published on that department's
 * letter-requested topic; the topic implies the department, so {@code department}, when present,
 * must match it. Key: {@code <department>:<senderReference>}.
 */
public record LetterRequested(
        UUID eventId,
        Instant occurredAt,
        String department,
        String senderReference,
        Recipient recipient,
        String subject,
        PostageClass postageClass,
        Boolean forcePaper,
        Boolean mandatory,
        Boolean legalNotification,
        Instant notBefore,
        Integer printIfUnreadAfterDays,
        String costCentre,
        InlineDocument document) implements BrevruteEvent {
}
