package dk.brevrute.events;

import java.time.Instant;
import java.util.UUID;

/** letter-intake accepted a letter and stored its document once. Key: letter id. */
public record LetterSubmitted(
        UUID eventId,
        Instant occurredAt,
        UUID letterId,
        String department,
        String senderReference,
        String unit,
        Recipient recipient,
        String subject,
        PostageClass postageClass,
        boolean forcePaper,
        boolean mandatory,
        boolean legalNotification,
        Instant notBefore,
        Integer printIfUnreadAfterDays,
        String costCentre,
        DocumentRef document) implements BrevruteEvent {
}
