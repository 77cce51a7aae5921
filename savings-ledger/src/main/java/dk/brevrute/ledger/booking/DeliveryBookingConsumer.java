package dk.brevrute.ledger.booking;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.events.LetterDelivered;
import dk.brevrute.kit.messaging.EventProcessor;
import io.smallrye.reactive.messaging.annotations.Blocking;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Books every delivered letter once per channel; a replay of the topic changes no total. */
@ApplicationScoped
class DeliveryBookingConsumer {

    static final String CONSUMER = "savings-ledger.letters-delivered";

    private final EventProcessor processor;
    private final Bookkeeper bookkeeper;

    DeliveryBookingConsumer(EventProcessor processor, Bookkeeper bookkeeper) {
        this.processor = processor;
        this.bookkeeper = bookkeeper;
    }

    @Incoming("letters-delivered")
    @Blocking
    void onDelivered(String json) {
        processor.process(CONSUMER, json, LetterDelivered.class, bookkeeper::book);
    }
}
