package dk.brevrute.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A letter reached its recipient: placed in the digital mailbox, or handed to the postal operator.
 * Amounts are DKK. For PRINT, {@code postage} and {@code materialCost} are what the print centre
 * paid; for DIGITAL, {@code digitalFee} is the Digital Post fee. {@code tariffId} names the tariff
 * version used. Key: letter id.
 */
public record LetterDelivered(
        UUID eventId,
        Instant occurredAt,
        UUID letterId,
        String department,
        String costCentre,
        Channel channel,
        Instant deliveredAt,
        String transactionId,
        int sheets,
        PostageClass postageClass,
        String zone,
        BigDecimal postage,
        BigDecimal materialCost,
        BigDecimal digitalFee,
        String tariffId) implements BrevruteEvent {
}
