package dk.brevrute.print.batch;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import dk.brevrute.events.LetterCancelled;
import dk.brevrute.kit.messaging.EventProcessor;
import dk.brevrute.print.document.DocumentStore;
import io.smallrye.reactive.messaging.annotations.Blocking;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * A cancelled letter leaves the print queue or its open batch. A letter in a closed batch stays:
 * the file is printed already (letter-intake refuses to cancel those, so this only happens when
 * the cancellation crossed the batch's closing).
 */
@ApplicationScoped
class LetterCancelledConsumer {

    private static final Logger LOG = Logger.getLogger(LetterCancelledConsumer.class);
    static final String CONSUMER = "print-center-service.letters-cancelled";

    private final EventProcessor processor;
    private final PrintLetterRepository letters;
    private final BatchRepository batches;
    private final CancelledLetters cancelled;
    private final Event<DocumentStore.Obsolete> obsolete;

    LetterCancelledConsumer(EventProcessor processor, PrintLetterRepository letters, BatchRepository batches,
            CancelledLetters cancelled, Event<DocumentStore.Obsolete> obsolete) {
        this.processor = processor;
        this.letters = letters;
        this.batches = batches;
        this.cancelled = cancelled;
        this.obsolete = obsolete;
    }

    @Incoming("letters-cancelled")
    @Blocking
    void onCancelled(String json) {
        processor.process(CONSUMER, json, LetterCancelled.class, this::handle);
    }

    void handle(LetterCancelled e) {
        PrintLetter p = letters.findById(e.letterId());
        if (p == null) {
            cancelled.add(e.letterId(), e.occurredAt());
            return;
        }
        PrintBatch batch = p.batchId == null ? null : batches.lock(p.batchId);
        p = letters.lock(e.letterId());
        boolean removable = p.status == PrintLetter.Status.WAITING
                || (p.status == PrintLetter.Status.BATCHED && batch != null
                        && (batch.state == PrintBatch.State.OPEN || batch.state == PrintBatch.State.CLOSING));
        if (!removable) {
            LOG.infof("letter %s cancelled while %s: it stays", e.letterId(), p.status);
            return;
        }
        PrintRoutedConsumer.leave(p, batch, PrintLetter.Status.CANCELLED, "CANCELLED");
        obsolete.fire(new DocumentStore.Obsolete(List.of(p.letterId)));
        LOG.infof("letter %s cancelled: left the print queue", e.letterId());
    }
}
