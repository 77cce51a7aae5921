package dk.brevrute.routing.decision;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.events.DeliveryFailed;
import dk.brevrute.events.LetterCancelled;
import dk.brevrute.events.LetterRead;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.Recipient.RecipientType;
import dk.brevrute.kit.messaging.EventProcessor;
import dk.brevrute.kit.messaging.EventReader;
import dk.brevrute.kit.messaging.PoisonRecordException;
import dk.brevrute.routing.registry.RegistryLookup;
import io.smallrye.reactive.messaging.annotations.Blocking;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Submitted letters get their decision; delivery failures, read receipts and cancellations change
 * what routing still has to do for a letter. Each event once (inbox); the events that change a
 * letter's course in order per letter (key).
 */
@ApplicationScoped
class LetterRoutingConsumer {

    private final EventReader reader;
    private final EventProcessor processor;
    private final Router router;

    LetterRoutingConsumer(EventReader reader, EventProcessor processor, Router router) {
        this.reader = reader;
        this.processor = processor;
        this.router = router;
    }

    /**
     * One event per letter on this topic, so letters need no order among themselves: up to
     * {@code smallrye.messaging.worker.routing-submitted.max-concurrency} are decided at once, their
     * SF1601 look-ups (tens of milliseconds each) overlapping instead of queueing. The throttled commit
     * strategy commits an offset only when every record before it is done.
     */
    @Incoming("letters-submitted")
    @Blocking(value = "routing-submitted", ordered = false)
    void onSubmitted(String json) {
        LetterSubmitted letter = reader.read(json, LetterSubmitted.class);
        if (letter.letterId() == null || letter.recipient() == null || letter.recipient().type() == null
                || (letter.recipient().type() == RecipientType.CPR && (letter.recipient().cpr() == null
                        || !letter.recipient().cpr().replace("-", "").matches("[0-9]{10}")))) {
            throw new PoisonRecordException("LetterSubmitted " + letter.eventId() + " without letterId or a valid recipient");
        }
        // The look-up may call SF1601: done before the transaction, so no connection waits on it.
        Optional<RegistryLookup.Answer> answer = router.lookupFor(letter);
        processor.processEvent("routing-service.letters-submitted", letter, l -> router.onSubmitted(l, answer));
    }

    @Incoming("delivery-failed")
    @Blocking
    void onDeliveryFailed(String json) {
        processor.process("routing-service.delivery-failed", json, DeliveryFailed.class, router::onDeliveryFailed);
    }

    @Incoming("letters-read")
    @Blocking
    void onRead(String json) {
        processor.process("routing-service.letters-read", json, LetterRead.class, router::onRead);
    }

    @Incoming("letters-cancelled")
    @Blocking
    void onCancelled(String json) {
        processor.process("routing-service.letters-cancelled", json, LetterCancelled.class, router::onCancelled);
    }
}
