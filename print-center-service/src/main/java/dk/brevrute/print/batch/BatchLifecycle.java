package dk.brevrute.print.batch;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import dk.brevrute.events.Channel;
import dk.brevrute.events.LetterDelivered;
import dk.brevrute.events.Topics;
import dk.brevrute.kit.api.ProblemException;
import dk.brevrute.kit.messaging.Outbox;
import dk.brevrute.print.config.PrintConfig;
import dk.brevrute.print.document.DocumentStore;
import dk.brevrute.print.tariff.Tariff;
import dk.brevrute.print.tariff.Tariffs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

/**
 * A closed batch's way through the print centre: CLOSED → PRINTED → ENVELOPED → FRANKED →
 * HANDED_OVER, one step at a time, never back; a print that failed (CLOSED or PRINTED → FAILED, with
 * a reason) is re-queued (FAILED → CLOSED) and its file made again. Each step is timestamped,
 * attributed and published. Handing over prices every envelope with the tariff in force on the
 * hand-over date and reports every letter delivered.
 */
@ApplicationScoped
class BatchLifecycle {

    private static final Logger LOG = Logger.getLogger(BatchLifecycle.class);

    private final BatchRepository batches;
    private final EnvelopeRepository envelopes;
    private final PrintLetterRepository letters;
    private final BatchEvents events;
    private final Outbox outbox;
    private final Tariffs tariffs;
    private final PrintConfig config;
    private final Event<DocumentStore.Obsolete> obsolete;
    private final Counter postage;
    private final Counter delivered;
    private final io.micrometer.core.instrument.Timer submitToDelivered;

    BatchLifecycle(BatchRepository batches, EnvelopeRepository envelopes, PrintLetterRepository letters, BatchEvents events,
            Outbox outbox, Tariffs tariffs, PrintConfig config, Event<DocumentStore.Obsolete> obsolete, MeterRegistry registry) {
        this.batches = batches;
        this.envelopes = envelopes;
        this.letters = letters;
        this.events = events;
        this.outbox = outbox;
        this.tariffs = tariffs;
        this.config = config;
        this.obsolete = obsolete;
        this.postage = Counter.builder("print_postage_dkk_total").description("Postage of letters handed to the postal operator, DKK")
                .register(registry);
        this.delivered = Counter.builder("print_letters_handed_over_total").description("Letters handed to the postal operator")
                .register(registry);
        // The same meter the gateway reports for DIGITAL: from the letter's submission to its delivery.
        this.submitToDelivered = io.micrometer.core.instrument.Timer.builder("brevrute.letters.submit.to.delivered")
                .description("From the letter's submission to its delivery, by channel").tag("channel", "PRINT")
                .publishPercentileHistogram().minimumExpectedValue(java.time.Duration.ofMillis(100))
                .maximumExpectedValue(java.time.Duration.ofDays(7)).register(registry);
    }

    /** Moves batch {@code id} to {@code target}, in the caller's transaction. */
    PrintBatch move(UUID id, PrintBatch.State target, String operator, String reason) {
        PrintBatch b = batches.lock(id);
        if (b == null) {
            throw new ProblemException(404, "not-found", "Not Found", "no such batch");
        }
        move(b, target, operator, reason);
        return b;
    }

    /** Moves the locked batch {@code b} to {@code target}, in the caller's transaction. */
    void move(PrintBatch b, PrintBatch.State target, String operator, String reason) {
        Instant now = Instant.now();
        switch (target) {
            case FAILED -> {
                if (b.state != PrintBatch.State.CLOSED && b.state != PrintBatch.State.PRINTED) {
                    throw refused(b, "only a batch being printed (CLOSED or PRINTED) can fail");
                }
                if (reason == null || reason.isBlank()) {
                    throw new ProblemException(422, "reason-required", "Reason required", "say why the print failed");
                }
                b.failureReason = reason;
                events.moved(b, PrintBatch.State.FAILED, now, operator, reason);
            }
            case CLOSED -> {
                if (b.state != PrintBatch.State.FAILED) {
                    throw refused(b, "only a FAILED batch can be re-queued");
                }
                // The file is made again from the same envelopes.
                b.renderedAt = null;
                b.pdfFile = null;
                b.manifestCsvFile = null;
                b.manifestJsonFile = null;
                b.claimedUntil = null;
                b.failureReason = null;
                events.moved(b, PrintBatch.State.CLOSED, now, operator, reason == null ? "RE-QUEUED" : reason);
            }
            default -> {
                if (b.state.next() != target) {
                    throw refused(b, b.state.next() == null ? "no further step from " + b.state
                            : "the next step from " + b.state + " is " + b.state.next());
                }
                if (target == PrintBatch.State.PRINTED && b.renderedAt == null) {
                    throw new ProblemException(409, "print-file-not-ready", "Print file not ready",
                            "the print file of this batch is not made yet");
                }
                if (target == PrintBatch.State.HANDED_OVER) {
                    handOver(b, now);
                }
                events.moved(b, target, now, operator, reason);
            }
        }
        LOG.infof("batch %s now %s", b.id, b.state);
    }

    private static ProblemException refused(PrintBatch b, String detail) {
        return new ProblemException(409, "invalid-transition", "Invalid transition", "batch is " + b.state + ": " + detail);
    }

    /** Final prices with the tariff in force today, then letter-delivered for every letter. */
    private void handOver(PrintBatch b, Instant now) {
        LocalDate date = LocalDate.ofInstant(now, config.zone());
        Tariff tariff = tariffs.inForce(date).orElseThrow(() -> new ProblemException(409, "no-tariff", "No tariff in force",
                "no tariff version is in force on " + date + "; postage cannot be computed"));
        Map<UUID, List<PrintLetter>> byEnvelope = letters.printOrder(b.id).stream().collect(Collectors.groupingBy(l -> l.envelopeId));
        Pricing.Totals totals = new Pricing.Totals();
        boolean duplex = config.render().duplex();
        for (PrintEnvelope e : envelopes.ofBatch(b.id)) {
            List<PrintLetter> in = byEnvelope.getOrDefault(e.id, List.of());
            if (!Pricing.apply(Optional.of(tariff), b, e, in, duplex, totals)) {
                throw new ProblemException(409, "no-rate", "No postage rate",
                        "tariff " + tariff.id() + " has no " + b.postageClass + " rate for zone " + e.zone + " at " + e.weightGrams + " g");
            }
        }
        b.postage = totals.postage();
        b.weightGrams = totals.weight();
        b.tariffId = tariff.id();
        b.handedOverAt = now;
        List<UUID> done = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (List<PrintLetter> in : byEnvelope.values()) {
            for (PrintLetter l : in) {
                l.status = PrintLetter.Status.DELIVERED;
                l.deliveredAt = now;
                l.updatedAt = now;
                outbox.append(Topics.LETTERS_DELIVERED, l.letterId.toString(), new LetterDelivered(UUID.randomUUID(), now, l.letterId,
                        l.department, l.costCentre, Channel.PRINT, now, "batch-" + b.id, l.letterSheets, b.postageClass, l.zone,
                        l.postage, l.materialCost, null, tariff.id()), l.trace());
                if (l.submittedAt != null) {
                    submitToDelivered.record(java.time.Duration.between(l.submittedAt, now));
                }
                done.add(l.letterId);
                sum = sum.add(l.postage);
            }
        }
        obsolete.fire(new DocumentStore.Obsolete(done));
        postage.increment(sum.doubleValue());
        delivered.increment(done.size());
    }
}
