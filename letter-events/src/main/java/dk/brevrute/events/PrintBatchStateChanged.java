package dk.brevrute.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A print batch moved in its lifecycle. Key: batch id. */
public record PrintBatchStateChanged(
        UUID eventId,
        Instant occurredAt,
        UUID batchId,
        State state,
        State previousState,
        PostageClass postageClass,
        String envelopeSize,
        int letters,
        int envelopes,
        int sheets,
        BigDecimal postage,
        String operator,
        List<UUID> letterIds) implements BrevruteEvent {

    public enum State {
        OPEN,
        CLOSED,
        PRINTED,
        ENVELOPED,
        FRANKED,
        HANDED_OVER,
        FAILED
    }
}
