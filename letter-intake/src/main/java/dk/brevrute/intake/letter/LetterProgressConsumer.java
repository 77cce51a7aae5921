package dk.brevrute.intake.letter;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dk.brevrute.events.Channel;
import dk.brevrute.events.DeliveryFailed;
import dk.brevrute.events.FailureKind;
import dk.brevrute.events.LetterDelivered;
import dk.brevrute.events.LetterRead;
import dk.brevrute.events.LetterReturned;
import dk.brevrute.events.LetterRouted;
import dk.brevrute.events.LetterStatusChanged;
import dk.brevrute.events.PrintBatchStateChanged;
import dk.brevrute.intake.status.StatusFeed;
import dk.brevrute.kit.messaging.EventProcessor;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * letter-intake owns each letter's timeline: the other services report by events, and this
 * consumer records them in order and moves the letter's status along.
 */
@ApplicationScoped
class LetterProgressConsumer {

    private static final Logger LOG = Logger.getLogger(LetterProgressConsumer.class);

    private final EventProcessor processor;
    private final LetterRepository letters;
    private final TimelineRepository timeline;
    private final StatusFeed statusFeed;

    LetterProgressConsumer(EventProcessor processor, LetterRepository letters, TimelineRepository timeline, StatusFeed statusFeed) {
        this.statusFeed = statusFeed;
        this.processor = processor;
        this.letters = letters;
        this.timeline = timeline;
    }

    @Incoming("letters-routed")
    @Blocking
    CompletionStage<Void> onRouted(KafkaRecordBatch<String, String> batch) {
        return processor.processPoll("letter-intake.letters-routed", batch, LetterRouted.class,
                lockingTheirLetters(LetterRouted::letterId, this::routed));
    }

    private void routed(LetterRouted e) {
        String detail = e.failureKind() == null ? "decision " + e.sequence() : "decision " + e.sequence() + " after " + e.failureKind();
        progress(e.letterId(), e.eventId(), e.occurredAt(), "ROUTED", e.channel(), e.reason().name(), detail, Letter.Status.ROUTED,
                LetterStatusChanged.Status.ROUTED, null);
    }

    @Incoming("delivery-failed")
    @Blocking
    void onFailed(String json) {
        processor.process("letter-intake.delivery-failed", json, DeliveryFailed.class, e -> {
            // A digital failure is followed by routing's fallback; only a failed paper letter has failed for good.
            Letter.Status status = e.channel() == Channel.PRINT && e.kind() != FailureKind.TRANSIENT ? Letter.Status.FAILED : null;
            progress(e.letterId(), e.eventId(), e.occurredAt(), "DELIVERY_FAILED", e.channel(), e.reason(),
                    e.kind() + " after " + e.attempts() + " attempt(s)", status,
                    status == Letter.Status.FAILED ? LetterStatusChanged.Status.FAILED : null, null);
        });
    }

    @Incoming("letters-delivered")
    @Blocking
    CompletionStage<Void> onDelivered(KafkaRecordBatch<String, String> batch) {
        return processor.processPoll("letter-intake.letters-delivered", batch, LetterDelivered.class,
                lockingTheirLetters(LetterDelivered::letterId, this::delivered));
    }

    private void delivered(LetterDelivered e) {
        String detail = e.channel() == Channel.PRINT && e.postage() != null ? "postage " + e.postage() + " DKK" : e.transactionId();
        Letter letter = progress(e.letterId(), e.eventId(), e.deliveredAt() != null ? e.deliveredAt() : e.occurredAt(),
                "DELIVERED", e.channel(), null, detail, Letter.Status.DELIVERED, LetterStatusChanged.Status.DELIVERED,
                e.channel() == Channel.PRINT ? e.postage() : null);
        if (letter != null) {
            Set<String> channels = new LinkedHashSet<>();
            if (letter.deliveredChannels != null) {
                channels.addAll(List.of(letter.deliveredChannels.split(",")));
            }
            channels.add(e.channel().name());
            letter.deliveredChannels = String.join(",", channels);
        }
    }

    @Incoming("letters-read")
    @Blocking
    CompletionStage<Void> onRead(KafkaRecordBatch<String, String> batch) {
        return processor.processPoll("letter-intake.letters-read", batch, LetterRead.class,
                lockingTheirLetters(LetterRead::letterId, e -> progress(e.letterId(), e.eventId(),
                        e.readAt() != null ? e.readAt() : e.occurredAt(), "READ", Channel.DIGITAL, null, null, null,
                        LetterStatusChanged.Status.READ, null)));
    }

    /**
     * {@code handler} for a poll whose letters are first locked in one statement
     * ({@link LetterRepository#lockAll}); {@code progress} then finds each letter locked already.
     */
    private <T> Function<List<T>, Consumer<T>> lockingTheirLetters(Function<T, UUID> letterId, Consumer<T> handler) {
        return events -> {
            letters.lockAll(events.stream().map(letterId).toList());
            return handler;
        };
    }

    @Incoming("letters-returned")
    @Blocking
    void onReturned(String json) {
        processor.process("letter-intake.letters-returned", json, LetterReturned.class, e ->
                progress(e.letterId(), e.eventId(), e.occurredAt(), "RETURNED", Channel.PRINT, e.reason(), null, Letter.Status.RETURNED,
                        LetterStatusChanged.Status.RETURNED, null));
    }

    @Incoming("print-batches")
    @Blocking
    void onBatch(String json) {
        processor.process("letter-intake.print-batches", json, PrintBatchStateChanged.class, e -> {
            if (e.letterIds() == null) {
                return;
            }
            // Locked in one statement, in the order the batch consumers lock letters (by the record key, the
            // letter id as text), so this transaction and theirs cannot wait for each other; each findById
            // below then finds its letter locked already.
            List<UUID> ordered = e.letterIds().stream().sorted(Comparator.comparing(UUID::toString)).toList();
            letters.lockAll(ordered);
            for (UUID letterId : ordered) {
                Letter letter = letters.findById(letterId, LockModeType.PESSIMISTIC_WRITE);
                if (letter == null) {
                    continue;
                }
                if (e.state() != PrintBatchStateChanged.State.OPEN && e.state() != PrintBatchStateChanged.State.FAILED) {
                    letter.inClosedBatch = true;
                }
                timeline.record(letterId, UUID.nameUUIDFromBytes((e.eventId() + ":" + letterId).getBytes()), e.occurredAt(),
                        "PRINT_" + e.state(), Channel.PRINT.name(), null, "batch " + e.batchId());
            }
        });
    }

    /**
     * Records the entry and moves the status forward (never back from a final state). The row is
     * locked: events of one letter arrive on different topics, and two consumers must not overwrite
     * each other's status.
     */
    private Letter progress(UUID letterId, UUID eventId, Instant at, String kind, Channel channel, String reason, String detail,
            Letter.Status next) {
        return progress(letterId, eventId, at, kind, channel, reason, detail, next, null, null);
    }

    private Letter progress(UUID letterId, UUID eventId, Instant at, String kind, Channel channel, String reason, String detail,
            Letter.Status next, LetterStatusChanged.Status feed, BigDecimal postage) {
        Letter letter = letters.findById(letterId, LockModeType.PESSIMISTIC_WRITE);
        if (letter == null) {
            LOG.warnf("event %s about unknown letter %s ignored", eventId, letterId);
            return null;
        }
        timeline.record(letterId, eventId, at, kind, channel == null ? null : channel.name(), reason, detail);
        boolean advanced = next != null && advances(letter.status, next);
        if (advanced) {
            letter.status = next;
            letter.updatedAt = Instant.now();
        }
        if (feed != null && (next == null || advanced || next == Letter.Status.DELIVERED || next == Letter.Status.ROUTED)) {
            statusFeed.changed(letterId, letter.department, letter.senderReference, feed, channel, reason, postage, at);
        }
        return letter;
    }

    private static boolean advances(Letter.Status current, Letter.Status next) {
        if (current == Letter.Status.CANCELLED) {
            return false;
        }
        return switch (next) {
            case ROUTED -> current == Letter.Status.SUBMITTED;
            case DELIVERED -> current != Letter.Status.RETURNED;
            case FAILED -> current != Letter.Status.DELIVERED && current != Letter.Status.RETURNED;
            case RETURNED -> true;
            default -> false;
        };
    }
}
