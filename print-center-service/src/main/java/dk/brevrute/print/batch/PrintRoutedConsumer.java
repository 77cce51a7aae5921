package dk.brevrute.print.batch;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.brevrute.events.Channel;
import dk.brevrute.events.LetterRouted;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.Recipient;
import dk.brevrute.kit.messaging.EventProcessor;
import dk.brevrute.kit.messaging.PoisonRecordException;
import dk.brevrute.kit.observability.TraceContext;
import dk.brevrute.print.document.DocumentStore;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Queues every letter routed to PRINT. A later DIGITAL decision for a letter not yet in a closed
 * batch takes it out again (routing re-routed it); a later PRINT decision for a letter that left
 * that way queues it again.
 */
@ApplicationScoped
class PrintRoutedConsumer {

    private static final Logger LOG = Logger.getLogger(PrintRoutedConsumer.class);
    static final String CONSUMER = "print-center-service.letters-routed";

    private final EventProcessor processor;
    private final PrintLetterRepository letters;
    private final BatchRepository batches;
    private final CancelledLetters cancelled;
    private final ObjectMapper mapper;
    private final Event<DocumentStore.Obsolete> obsolete;

    PrintRoutedConsumer(EventProcessor processor, PrintLetterRepository letters, BatchRepository batches,
            CancelledLetters cancelled, ObjectMapper mapper, Event<DocumentStore.Obsolete> obsolete) {
        this.processor = processor;
        this.letters = letters;
        this.batches = batches;
        this.cancelled = cancelled;
        this.mapper = mapper;
        this.obsolete = obsolete;
    }

    /** A poll of decisions at a time, in one transaction ({@code batch=true}; {@link EventProcessor#processBatch}). */
    @Incoming("letters-routed")
    @Blocking
    CompletionStage<Void> onRouted(KafkaRecordBatch<String, String> batch) {
        return processor.processBatch(CONSUMER, batch, LetterRouted.class, this::handle);
    }

    void handle(LetterRouted routed) {
        if (routed.channel() == Channel.PRINT) {
            queue(routed);
        } else {
            rerouted(routed);
        }
    }

    private void queue(LetterRouted routed) {
        LetterSubmitted letter = routed.letter();
        if (letter == null || letter.document() == null) {
            throw new PoisonRecordException("LetterRouted " + routed.eventId() + " to PRINT without the letter and its document");
        }
        if (cancelled.contains(routed.letterId())) {
            LOG.infof("letter %s routed to print after it was cancelled: not queued", routed.letterId());
            return;
        }
        PrintLetter p = letters.lock(routed.letterId());
        Instant now = Instant.now();
        if (p != null) {
            if (p.status != PrintLetter.Status.REROUTED || routed.sequence() <= p.routingSequence) {
                return;
            }
            LOG.infof("letter %s routed back to print (%s)", routed.letterId(), routed.reason());
        } else {
            p = new PrintLetter();
            p.letterId = routed.letterId();
            p.receivedAt = now;
        }
        p.department = routed.department();
        p.costCentre = letter.costCentre();
        p.postageClass = letter.postageClass();
        p.routingReason = routed.reason();
        p.routingSequence = routed.sequence();
        p.documentId = letter.document().documentId();
        p.documentSha256 = letter.document().sha256();
        p.pages = letter.document().pages();
        Recipient r = letter.recipient();
        p.recipientCpr = r != null && r.type() == Recipient.RecipientType.CPR ? r.cpr() : null;
        p.requestAddress = r != null && r.address() != null ? json(r) : null;
        p.submittedAt = letter.occurredAt();
        TraceContext trace = TraceContext.current();
        p.traceparent = trace == null ? null : trace.traceparent();
        p.tracestate = trace == null ? null : trace.tracestate();
        p.status = PrintLetter.Status.WAITING;
        p.attempts = 0;
        p.nextAttemptAt = now;
        p.claimedUntil = null;
        p.batchId = null;
        p.envelopeId = null;
        p.envelopePosition = null;
        p.updatedAt = now;
        letters.persist(p);
        LOG.infof("letter %s queued for print (%s)", routed.letterId(), routed.reason());
    }

    private String json(Recipient r) {
        try {
            return mapper.writeValueAsString(r.address());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Routing sends the letter digitally after all: it leaves the queue unless its batch has closed. */
    private void rerouted(LetterRouted routed) {
        PrintLetter p = letters.findById(routed.letterId());
        if (p == null || routed.sequence() <= p.routingSequence) {
            return;
        }
        PrintBatch batch = p.batchId == null ? null : batches.lock(p.batchId);
        p = letters.lock(routed.letterId());
        boolean open = p.status == PrintLetter.Status.WAITING
                || (p.status == PrintLetter.Status.BATCHED && batch != null
                        && (batch.state == PrintBatch.State.OPEN || batch.state == PrintBatch.State.CLOSING));
        if (!open) {
            LOG.infof("letter %s re-routed to %s but already in print; it stays", routed.letterId(), routed.channel());
            return;
        }
        leave(p, batch, PrintLetter.Status.REROUTED, routed.reason().name());
        p.routingSequence = routed.sequence();
        p.routingReason = routed.reason();
        obsolete.fire(new DocumentStore.Obsolete(List.of(p.letterId)));
        LOG.infof("letter %s left the print queue: routed %s (%s)", routed.letterId(), routed.channel(), routed.reason());
    }

    /** Takes a letter out of the queue or its open batch. The caller holds the locks (batch first). */
    static void leave(PrintLetter p, PrintBatch batch, PrintLetter.Status status, String reason) {
        if (batch != null && p.status == PrintLetter.Status.BATCHED) {
            batch.letters = Math.max(0, batch.letters - 1);
            p.leftBatchId = batch.id;
        }
        p.status = status;
        p.failureReason = reason;
        p.batchId = null;
        p.recipientCpr = null;
        p.claimedUntil = null;
        p.updatedAt = Instant.now();
    }
}
