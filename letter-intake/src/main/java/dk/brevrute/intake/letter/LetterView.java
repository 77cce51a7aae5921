package dk.brevrute.intake.letter;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A letter as its sender sees it: status and timeline, the recipient masked. */
public record LetterView(
        UUID letterId,
        String department,
        String senderReference,
        Letter.Status status,
        String recipientType,
        String recipient,
        String subject,
        String postageClass,
        Instant createdAt,
        List<Entry> timeline) {

    public record Entry(Instant at, String kind, String channel, String reason, String detail) {
    }
}
