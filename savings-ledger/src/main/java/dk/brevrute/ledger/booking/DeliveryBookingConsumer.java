package dk.brevrute.ledger.booking;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.events.LetterDelivered;
import dk.brevrute.kit.messaging.EventProcessor;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Books every delivered letter once per channel; a replay of the topic changes no total. A poll's
 * letters are booked in one transaction, what they need read for them all at once.
 */
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
    CompletionStage<Void> onDelivered(KafkaRecordBatch<String, String> batch) {
        return processor.processPoll(CONSUMER, batch, LetterDelivered.class, deliveries -> {
            bookkeeper.prepare(deliveries);
            return bookkeeper::book;
        });
    }
}
