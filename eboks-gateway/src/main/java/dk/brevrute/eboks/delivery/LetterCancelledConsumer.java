package dk.brevrute.eboks.delivery;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.events.LetterCancelled;
import dk.brevrute.kit.messaging.EventProcessor;
import io.smallrye.reactive.messaging.annotations.Blocking;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * A cancelled letter is not sent: a waiting delivery becomes CANCELLED at once; a letter not routed
 * here yet is remembered so it never will be; one being sent right now is finished, as it may
 * already be in the mailbox (a failure after that ends CANCELLED instead of being retried).
 */
@ApplicationScoped
class LetterCancelledConsumer {

    private static final Logger LOG = Logger.getLogger(LetterCancelledConsumer.class);
    static final String CONSUMER = "eboks-gateway.letters-cancelled";

    private final EventProcessor processor;
    private final DigitalDeliveryRepository deliveries;
    private final DeliveryMetrics metrics;

    LetterCancelledConsumer(EventProcessor processor, DigitalDeliveryRepository deliveries, DeliveryMetrics metrics) {
        this.processor = processor;
        this.deliveries = deliveries;
        this.metrics = metrics;
    }

    @Incoming("letters-cancelled")
    @Blocking
    void onCancelled(String json) {
        processor.process(CONSUMER, json, LetterCancelled.class, this::accept);
    }

    void accept(LetterCancelled cancelled) {
        deliveries.recordCancellation(cancelled.letterId(), cancelled.reason());
        DigitalDelivery d = deliveries.lock(cancelled.letterId());
        if (d == null) {
            return;
        }
        if (d.status == DigitalDelivery.Status.PENDING) {
            d.status = DigitalDelivery.Status.CANCELLED;
            d.recipientId = null;
            d.updatedAt = Instant.now();
            metrics.outcome("cancelled");
            LOG.infof("letter %s cancelled before it was sent", d.letterId);
        } else if (d.status == DigitalDelivery.Status.SENDING) {
            LOG.infof("letter %s cancelled while being sent: the attempt finishes", d.letterId);
        }
    }
}
