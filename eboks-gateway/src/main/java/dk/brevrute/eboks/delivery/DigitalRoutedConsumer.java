package dk.brevrute.eboks.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import dk.brevrute.eboks.config.GatewayConfig;
import dk.brevrute.events.Channel;
import dk.brevrute.events.DocumentRef;
import dk.brevrute.events.LetterRouted;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.Recipient;
import dk.brevrute.kit.messaging.EventProcessor;
import dk.brevrute.kit.messaging.PoisonRecordException;
import dk.brevrute.kit.observability.TraceContext;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Takes on every letter routed to DIGITAL (PRINT decisions are the print centre's): one PENDING
 * {@code digital_delivery} row with all the worker needs, committed with the inbox entry. Nothing is
 * sent here, so a slow SF1601 never holds up the partition; the worker is woken after the commit.
 */
@ApplicationScoped
class DigitalRoutedConsumer {

    private static final Logger LOG = Logger.getLogger(DigitalRoutedConsumer.class);
    static final String CONSUMER = "eboks-gateway.letters-routed";

    private final EventProcessor processor;
    private final DigitalDeliveryRepository deliveries;
    private final GatewayConfig config;
    private final Event<DeliveryWorker.Due> due;

    DigitalRoutedConsumer(EventProcessor processor, DigitalDeliveryRepository deliveries, GatewayConfig config,
            Event<DeliveryWorker.Due> due) {
        this.processor = processor;
        this.deliveries = deliveries;
        this.config = config;
        this.due = due;
    }

    /**
     * A poll of decisions at a time, in one transaction ({@code batch=true}; {@link EventProcessor#processPoll}):
     * which of its letters are here already or cancelled is asked once for the poll, not per letter.
     */
    @Incoming("letters-routed")
    @Blocking
    CompletionStage<Void> onRouted(KafkaRecordBatch<String, String> batch) {
        return processor.processPoll(CONSUMER, batch, LetterRouted.class, this::handlerFor);
    }

    Consumer<LetterRouted> handlerFor(List<LetterRouted> poll) {
        List<UUID> digital = poll.stream().filter(r -> r.channel() == Channel.DIGITAL).map(LetterRouted::letterId).distinct().toList();
        Set<UUID> known = new HashSet<>(deliveries.knownAmong(digital));
        Set<UUID> cancelled = deliveries.cancelledAmong(digital);
        return routed -> accept(routed, known, cancelled);
    }

    /** {@code known}: the letters with a delivery here, this poll's new ones added; {@code cancelled}: as the poll began. */
    private void accept(LetterRouted routed, Set<UUID> known, Set<UUID> cancelled) {
        if (routed.channel() != Channel.DIGITAL) {
            return;
        }
        LetterSubmitted letter = routed.letter();
        if (letter == null || letter.document() == null) {
            throw new PoisonRecordException("LetterRouted " + routed.eventId() + " to DIGITAL without the letter and its document");
        }
        if (known.contains(routed.letterId())) {
            return;
        }
        if (cancelled.contains(routed.letterId())) {
            LOG.infof("letter %s was cancelled before it was routed here: not sent", routed.letterId());
            return;
        }
        DocumentRef doc = letter.document();
        Recipient recipient = letter.recipient();
        Instant now = Instant.now();
        Instant start = letter.notBefore() != null && letter.notBefore().isAfter(now) ? letter.notBefore() : now;

        DigitalDelivery d = new DigitalDelivery();
        d.letterId = routed.letterId();
        d.transactionId = transactionId(routed.letterId());
        d.department = routed.department();
        d.costCentre = letter.costCentre();
        d.routingReason = routed.reason();
        if (recipient != null && recipient.type() == Recipient.RecipientType.CPR) {
            d.recipientType = "CPR";
            d.recipientId = recipient.cpr();
        } else if (recipient != null && recipient.type() == Recipient.RecipientType.CVR) {
            d.recipientType = "CVR";
            d.recipientId = recipient.cvr();
        }
        d.subject = letter.subject();
        d.mandatory = letter.mandatory();
        d.legalNotification = letter.legalNotification();
        d.postageClass = letter.postageClass() == null ? null : letter.postageClass().name();
        d.documentId = doc.documentId();
        d.documentSha256 = doc.sha256();
        d.filename = doc.filename();
        d.pages = doc.pages();
        d.status = DigitalDelivery.Status.PENDING;
        d.nextAttemptAt = start;
        d.deadline = start.plus(config.delivery().deadline());
        d.receivedAt = now;
        d.submittedAt = letter.occurredAt();
        d.registrationCheckedAt = routed.registrationCheckedAt();
        d.updatedAt = now;
        TraceContext trace = TraceContext.current();
        if (trace != null) {
            d.traceparent = trace.traceparent();
            d.tracestate = trace.tracestate();
        }
        deliveries.persist(d);
        known.add(d.letterId);
        due.fire(new DeliveryWorker.Due());
        LOG.infof("letter %s accepted for digital delivery, transaction %s", routed.letterId(), d.transactionId);
    }

    /** Derived from the letter id, so the same letter is always the same SF1601 transaction. */
    static UUID transactionId(UUID letterId) {
        return UUID.nameUUIDFromBytes(("sf1601:" + letterId).getBytes(StandardCharsets.UTF_8));
    }
}
