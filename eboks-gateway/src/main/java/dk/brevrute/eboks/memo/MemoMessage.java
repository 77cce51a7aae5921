package dk.brevrute.eboks.memo;

import java.time.Instant;
import java.util.UUID;

/**
 * What goes into a MeMo 1.1 message besides the document: the header values and the main
 * document's file name and language. {@code recipientIdType} is {@code CPR} or {@code CVR}.
 */
public record MemoMessage(
        UUID messageUuid,
        String label,
        boolean mandatory,
        boolean legalNotification,
        String senderId,
        String senderLabel,
        String recipientId,
        String recipientIdType,
        Instant created,
        String filename,
        String language) {
}
