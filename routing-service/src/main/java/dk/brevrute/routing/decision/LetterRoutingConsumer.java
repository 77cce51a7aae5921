package dk.brevrute.routing.decision;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.events.DeliveryFailed;
import dk.brevrute.events.LetterCancelled;
import dk.brevrute.events.LetterRead;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.Recipient.RecipientType;
import dk.brevrute.kit.messaging.EventProcessor;
import dk.brevrute.kit.messaging.EventReader;
import dk.brevrute.kit.messaging.PoisonRecordException;
import dk.brevrute.routing.config.RoutingConfig;
import dk.brevrute.routing.registry.RegistryLookup;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
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
    private final RegistryLookup registry;
    private final ExecutorService lookups;

    LetterRoutingConsumer(EventReader reader, EventProcessor processor, Router router, RegistryLookup registry, RoutingConfig config) {
        this.reader = reader;
        this.processor = processor;
        this.router = router;
        this.registry = registry;
        AtomicInteger threads = new AtomicInteger();
        this.lookups = Executors.newFixedThreadPool(config.lookup().concurrency(), task -> {
            Thread thread = new Thread(task, "routing-lookup-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A poll of submitted letters at a time ({@code batch=true}): their SF1601 look-ups run
     * concurrently before the transaction (up to {@code routing.lookup.concurrency}, so no connection
     * waits on them), then the poll's decisions commit together ({@link EventProcessor#processBatch}).
     */
    @Incoming("letters-submitted")
    @Blocking
    CompletionStage<Void> onSubmitted(KafkaRecordBatch<String, String> batch) {
        return processor.processBatch("routing-service.letters-submitted", batch, record -> valid(reader.read(record.getPayload(),
                LetterSubmitted.class)), this::lookUp);
    }

    private static LetterSubmitted valid(LetterSubmitted letter) {
        if (letter.letterId() == null || letter.recipient() == null || letter.recipient().type() == null
                || (letter.recipient().type() == RecipientType.CPR && (letter.recipient().cpr() == null
                        || !letter.recipient().cpr().replace("-", "").matches("[0-9]{10}")))) {
            throw new PoisonRecordException("LetterSubmitted " + letter.eventId() + " without letterId or a valid recipient");
        }
        return letter;
    }

    /**
     * The poll's look-ups together ({@link RegistryLookup#lookupAll}); a letter whose answer is missing
     * asks again in its transaction.
     */
    private Consumer<LetterSubmitted> lookUp(List<LetterSubmitted> letters) {
        Map<String, RegistryLookup.Answer> answers = registry.lookupAll(
                letters.stream().filter(router::needsLookup).map(letter -> letter.recipient().cpr()).toList(), lookups);
        List<UUID> poll = letters.stream().map(LetterSubmitted::letterId).toList();
        return letter -> {
            RegistryLookup.Answer answer = router.needsLookup(letter) ? answers.get(letter.recipient().cpr()) : null;
            router.onSubmitted(letter, answer != null ? Optional.of(answer) : router.lookupFor(letter), poll);
        };
    }

    @PreDestroy
    void close() {
        lookups.shutdownNow();
    }

    @Incoming("delivery-failed")
    @Blocking
    void onDeliveryFailed(String json) {
        processor.process("routing-service.delivery-failed", json, DeliveryFailed.class, router::onDeliveryFailed);
    }

    /**
     * Read receipts a poll at a time (about one for every second digital letter), their letters locked
     * in one statement.
     */
    @Incoming("letters-read")
    @Blocking
    CompletionStage<Void> onRead(KafkaRecordBatch<String, String> batch) {
        return processor.processPoll("routing-service.letters-read", batch, LetterRead.class, reads -> {
            router.lockForReads(reads);
            return router::onRead;
        });
    }

    @Incoming("letters-cancelled")
    @Blocking
    void onCancelled(String json) {
        processor.process("routing-service.letters-cancelled", json, LetterCancelled.class, router::onCancelled);
    }
}
