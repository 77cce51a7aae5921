package dk.brevrute.print.batch;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import dk.brevrute.kit.api.ProblemException;
import dk.brevrute.print.config.PrintConfig;
import dk.brevrute.print.document.DocumentStore;
import dk.brevrute.print.render.RenderJob;
import dk.brevrute.print.routing.RoutingRecheck;
import dk.brevrute.print.tariff.Tariff;
import dk.brevrute.print.tariff.Tariffs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;

/**
 * Closes batches: by size (when preparation fills one), at the daily cut-off, or by hand. Closing
 * happens in two steps so no letter joins a batch after its re-check: first the batch stops taking
 * letters (CLOSING, internal); then routing re-checks its letters (those now digital leave), the
 * letters are put into envelopes, priced with the tariff in force today (the final price is fixed
 * at hand-over) and the batch is CLOSED. Every step locks the batch and skips batches another
 * replica holds, so each timer's work happens once however many replicas run it.
 */
@ApplicationScoped
class BatchClosing {

    private static final Logger LOG = Logger.getLogger(BatchClosing.class);

    private final BatchRepository batches;
    private final PrintLetterRepository letters;
    private final EnvelopeRepository envelopes;
    private final BatchEvents events;
    private final RoutingRecheck recheck;
    private final BatchClaims claims;
    private final Tariffs tariffs;
    private final PrintConfig config;
    private final Event<DocumentStore.Obsolete> obsolete;

    BatchClosing(BatchRepository batches, PrintLetterRepository letters, EnvelopeRepository envelopes, BatchEvents events,
            RoutingRecheck recheck, BatchClaims claims, Tariffs tariffs, PrintConfig config, Event<DocumentStore.Obsolete> obsolete) {
        this.batches = batches;
        this.letters = letters;
        this.envelopes = envelopes;
        this.events = events;
        this.recheck = recheck;
        this.claims = claims;
        this.tariffs = tariffs;
        this.config = config;
        this.obsolete = obsolete;
    }

    /** The latest cut-off at or before {@code now}. */
    Instant lastCutOff(Instant now) {
        ZonedDateTime local = now.atZone(config.zone());
        ZonedDateTime cut = local.toLocalDate().atTime(config.batch().cutOff()).atZone(config.zone());
        return (cut.isAfter(local) ? cut.minusDays(1) : cut).toInstant();
    }

    /** Stops every batch opened before the last cut-off from taking letters; returns how many. */
    int cutOff(Instant now) {
        Instant cut = lastCutOff(now);
        int n = 0;
        while (QuarkusTransaction.requiringNew().call(() -> batches.lockOne("state = 'OPEN' AND opened_at < ?1", cut).map(b -> {
            startClosing(b, now, "CUT_OFF");
            return true;
        }).orElse(false))) {
            n++;
        }
        return n;
    }

    /** An operator closes an open batch now. */
    void closeByHand(UUID batchId, String operator) {
        QuarkusTransaction.requiringNew().run(() -> {
            PrintBatch b = batches.lock(batchId);
            if (b == null) {
                throw new ProblemException(404, "not-found", "Not Found", "no such batch");
            }
            if (b.state != PrintBatch.State.OPEN) {
                throw new ProblemException(409, "invalid-transition", "Invalid transition", "batch is " + b.state + ", not OPEN");
            }
            startClosing(b, Instant.now(), "MANUAL by " + operator);
        });
        finish(batchId);
    }

    private void startClosing(PrintBatch b, Instant now, String reason) {
        b.state = PrintBatch.State.CLOSING;
        b.closingSince = now;
        b.stateSince = now;
        b.closeReason = reason;
        LOG.infof("batch %s closing (%s, %d letters)", b.id, reason.startsWith("MANUAL") ? "MANUAL" : reason, b.letters);
    }

    /** Finishes every batch that is closing and not held by another replica; returns how many. */
    int finishClosing() {
        int n = 0;
        while (true) {
            Optional<UUID> id = claims.claimOne(PrintBatch.State.CLOSING, null);
            if (id.isEmpty()) {
                return n;
            }
            claims.whileHeld(id.get(), PrintBatch.State.CLOSING, () -> finish(id.get()));
            n++;
        }
    }

    private void finish(UUID batchId) {
        List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> letters.inBatch(batchId, PrintLetter.Status.BATCHED)
                .stream().map(l -> l.letterId).toList());
        Map<UUID, String> digital = ids.isEmpty() ? Map.of() : recheck.nowDigital(ids).orElse(Map.of());
        QuarkusTransaction.requiringNew().run(() -> close(batchId, digital));
    }

    private void close(UUID batchId, Map<UUID, String> digital) {
        PrintBatch b = batches.lock(batchId);
        if (b == null || b.state != PrintBatch.State.CLOSING) {
            return;
        }
        List<UUID> left = new ArrayList<>();
        List<PrintLetter> remaining = new ArrayList<>();
        for (PrintLetter l : letters.inBatch(batchId, PrintLetter.Status.BATCHED)) {
            String reason = digital.get(l.letterId);
            if (reason != null) {
                letters.getEntityManager().lock(l, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
                PrintRoutedConsumer.leave(l, b, PrintLetter.Status.REROUTED, "RECHECK_" + reason);
                left.add(l.letterId);
                LOG.infof("letter %s left batch %s: routing now sends it digitally (%s)", l.letterId, batchId, reason);
            } else {
                remaining.add(l);
            }
        }
        if (!left.isEmpty()) {
            obsolete.fire(new DocumentStore.Obsolete(left));
        }
        Instant now = Instant.now();
        if (remaining.isEmpty()) {
            LOG.infof("batch %s closed empty: removed", batchId);
            batches.delete(b);
            return;
        }
        boolean duplex = config.render().duplex();
        List<EnvelopePlanner.Item> items = remaining.stream().map(l -> new EnvelopePlanner.Item(l.letterId, l.citizenKey, l.addressKey,
                RenderJob.sheets(l.pages, duplex), l.showsOwnAddress(), l.zone, l.addrCountry, l.addrPostcode)).toList();
        int max = Math.min(config.envelope().consolidationMaxSheets(),
                b.envelopeSize.equals("C5") ? config.envelope().c5MaxSheets() : config.envelope().c4MaxSheets());
        List<EnvelopePlanner.Planned> plan = EnvelopePlanner.plan(items, max);
        Map<UUID, PrintLetter> byId = new HashMap<>();
        remaining.forEach(l -> byId.put(l.letterId, l));
        Optional<Tariff> tariff = tariffs.inForce(LocalDate.ofInstant(now, config.zone()));
        Pricing.Totals totals = new Pricing.Totals();
        int seq = 0;
        for (EnvelopePlanner.Planned p : plan) {
            PrintEnvelope e = new PrintEnvelope();
            e.id = UUID.randomUUID();
            e.batchId = batchId;
            e.seq = ++seq;
            e.carrier = p.carrier();
            e.sheets = p.sheets();
            e.letters = p.letters().size();
            e.zone = p.first().zone();
            e.country = p.first().country();
            e.postcode = p.first().postcode();
            envelopes.persist(e);
            List<PrintLetter> inEnvelope = p.letters().stream().map(i -> byId.get(i.letterId())).toList();
            for (int i = 0; i < inEnvelope.size(); i++) {
                PrintLetter l = inEnvelope.get(i);
                l.envelopeId = e.id;
                l.envelopePosition = i;
                l.status = PrintLetter.Status.IN_PRINT;
                l.updatedAt = now;
            }
            Pricing.apply(tariff, b, e, inEnvelope, duplex, totals);
        }
        b.letters = remaining.size();
        b.envelopes = plan.size();
        b.sheets = plan.stream().mapToInt(EnvelopePlanner.Planned::sheets).sum();
        b.postage = totals.postage();
        b.weightGrams = totals.weight();
        b.tariffId = tariff.map(Tariff::id).orElse(null);
        b.closedAt = now;
        b.claimedUntil = null;
        String operator = b.closeReason != null && b.closeReason.startsWith("MANUAL by ") ? b.closeReason.substring(10) : BatchEvents.SYSTEM;
        events.moved(b, PrintBatch.State.CLOSED, now, operator, b.closeReason);
        LOG.infof("batch %s closed: %d letters in %d envelopes, %d sheets%s", batchId, b.letters, b.envelopes, b.sheets,
                b.postage == null ? ", no tariff in force" : ", postage " + b.postage);
    }
}
