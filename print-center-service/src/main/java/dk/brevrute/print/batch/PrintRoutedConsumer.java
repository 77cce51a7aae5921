package dk.brevrute.print.batch;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

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

    /**
     * A poll of decisions at a time, in one transaction ({@code batch=true}; {@link EventProcessor#processPoll}):
     * which of its letters are here already or cancelled is asked once for the poll, not per letter (most
     * decisions are DIGITAL, for letters the print centre has never seen).
     */
    @Incoming("letters-routed")
    @Blocking
    CompletionStage<Void> onRouted(KafkaRecordBatch<String, String> batch) {
        return processor.processPoll(CONSUMER, batch, LetterRouted.class, this::handlerFor);
    }

    Consumer<LetterRouted> handlerFor(List<LetterRouted> decisions) {
        List<UUID> ids = decisions.stream().map(LetterRouted::letterId).distinct().toList();
        Poll poll = new Poll(new HashSet<>(letters.knownAmong(ids)), new HashSet<>(), cancelled.among(
                decisions.stream().filter(r -> r.channel() == Channel.PRINT).map(LetterRouted::letterId).distinct().toList()));
        return routed -> {
            if (routed.channel() == Channel.PRINT) {
                queue(routed, poll);
            } else {
                rerouted(routed, poll);
            }
        };
    }

    /**
     * What a poll asked once: the letters here ({@code known}, this poll's new ones added), those this
     * poll queued for the first time (not in the database until the poll's flush: nothing to lock or
     * read afresh), and those cancelled as the poll began.
     */
    private record Poll(Set<UUID> known, Set<UUID> queuedHere, Set<UUID> cancelled) {
    }

    /** The letter, locked and read afresh; one this poll queued is ours alone already. */
    private PrintLetter lock(UUID letterId, Poll poll) {
        return poll.queuedHere().contains(letterId) ? letters.findById(letterId) : letters.lock(letterId);
    }

    private void queue(LetterRouted routed, Poll poll) {
        LetterSubmitted letter = routed.letter();
        if (letter == null || letter.document() == null) {
            throw new PoisonRecordException("LetterRouted " + routed.eventId() + " to PRINT without the letter and its document");
        }
        if (poll.cancelled().contains(routed.letterId())) {
            LOG.infof("letter %s routed to print after it was cancelled: not queued", routed.letterId());
            return;
        }
        PrintLetter p = poll.known().contains(routed.letterId()) ? lock(routed.letterId(), poll) : null;
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
        if (poll.known().add(p.letterId)) {
            poll.queuedHere().add(p.letterId);
        }
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
    private void rerouted(LetterRouted routed, Poll poll) {
        if (!poll.known().contains(routed.letterId())) {
            return;
        }
        PrintLetter p = letters.findById(routed.letterId());
        if (p == null || routed.sequence() <= p.routingSequence) {
            return;
        }
        PrintBatch batch = p.batchId == null ? null : batches.lock(p.batchId);
        p = lock(routed.letterId(), poll);
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
