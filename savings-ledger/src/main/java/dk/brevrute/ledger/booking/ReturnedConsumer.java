package dk.brevrute.ledger.booking;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.events.LetterReturned;
import dk.brevrute.kit.messaging.EventProcessor;
import io.smallrye.reactive.messaging.annotations.Blocking;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Counts each returned paper letter once, per department and month. */
@ApplicationScoped
class ReturnedConsumer {

    static final String CONSUMER = "savings-ledger.letters-returned";

    private final EventProcessor processor;
    private final Bookkeeper bookkeeper;

    ReturnedConsumer(EventProcessor processor, Bookkeeper bookkeeper) {
        this.processor = processor;
        this.bookkeeper = bookkeeper;
    }

    @Incoming("letters-returned")
    @Blocking
    void onReturned(String json) {
        processor.process(CONSUMER, json, LetterReturned.class, bookkeeper::returned);
    }
}
