package dk.brevrute.print.batch;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.events.PrintBatchStateChanged;
import dk.brevrute.events.Topics;
import dk.brevrute.kit.messaging.Outbox;

/** Records a batch's step and publishes it (through the outbox, in the caller's transaction). */
@ApplicationScoped
class BatchEvents {

    /** Who closes batches by size and cut-off, and who fails them when the print file cannot be made. */
    static final String SYSTEM = "print-center-service";

    private final Outbox outbox;
    private final TransitionRepository transitions;
    private final PrintLetterRepository letters;

    BatchEvents(Outbox outbox, TransitionRepository transitions, PrintLetterRepository letters) {
        this.outbox = outbox;
        this.transitions = transitions;
        this.letters = letters;
    }

    /** Moves the (locked) batch to {@code to}, records who did it and publishes the change. */
    void moved(PrintBatch b, PrintBatch.State to, Instant at, String operator, String reason) {
        PrintBatch.State from = b.state;
        b.state = to;
        b.stateSince = at;
        transitions.record(b.id, from, to, at, operator, reason);
        PrintBatchStateChanged.State previous = from == PrintBatch.State.CLOSING ? PrintBatchStateChanged.State.OPEN
                : PrintBatchStateChanged.State.valueOf(from.name());
        outbox.append(Topics.PRINT_BATCH_STATE_CHANGED, b.id.toString(), new PrintBatchStateChanged(UUID.randomUUID(), at, b.id,
                PrintBatchStateChanged.State.valueOf(to.name()), previous, b.postageClass, b.envelopeSize, b.letters, b.envelopes,
                b.sheets, b.postage, operator, letters.idsInBatch(b.id)));
    }
}
