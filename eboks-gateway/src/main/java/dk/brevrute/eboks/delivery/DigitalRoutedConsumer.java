package dk.brevrute.eboks.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.events.Channel;
import dk.brevrute.events.LetterRouted;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.kit.messaging.EventProcessor;
import dk.brevrute.kit.messaging.PoisonRecordException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Takes on every letter routed to DIGITAL; PRINT decisions are the print centre's. */
@ApplicationScoped
class DigitalRoutedConsumer {

    private static final Logger LOG = Logger.getLogger(DigitalRoutedConsumer.class);
    static final String CONSUMER = "eboks-gateway.letters-routed";

    private final EventProcessor processor;
    private final DigitalDeliveryRepository deliveries;

    DigitalRoutedConsumer(EventProcessor processor, DigitalDeliveryRepository deliveries) {
        this.processor = processor;
        this.deliveries = deliveries;
    }

    @Incoming("letters-routed")
    @Blocking
    void onRouted(String json) {
        processor.process(CONSUMER, json, LetterRouted.class, this::accept);
    }

    void accept(LetterRouted routed) {
        if (routed.channel() != Channel.DIGITAL) {
            return;
        }
        LetterSubmitted letter = routed.letter();
        if (letter == null || letter.document() == null) {
            throw new PoisonRecordException("LetterRouted " + routed.eventId() + " to DIGITAL without the letter and its document");
        }
        if (deliveries.findByIdOptional(routed.letterId()).isPresent()) {
            return;
        }
        DigitalDelivery d = new DigitalDelivery();
        d.letterId = routed.letterId();
        d.transactionId = transactionId(routed.letterId());
        d.department = routed.department();
        d.routingReason = routed.reason();
        d.documentId = letter.document().documentId();
        d.documentSha256 = letter.document().sha256();
        d.status = DigitalDelivery.Status.PENDING;
        d.receivedAt = Instant.now();
        deliveries.persist(d);
        LOG.infof("letter %s accepted for digital delivery, transaction %s", routed.letterId(), d.transactionId);
    }

    /** Derived from the letter id, so the same letter is always the same SF1601 transaction. */
    static UUID transactionId(UUID letterId) {
        return UUID.nameUUIDFromBytes(("sf1601:" + letterId).getBytes(StandardCharsets.UTF_8));
    }
}
