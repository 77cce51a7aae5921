package dk.brevrute.print.batch;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.brevrute.events.CitizenKey;
import dk.brevrute.events.Channel;
import dk.brevrute.events.DeliveryFailed;
import dk.brevrute.events.FailureKind;
import dk.brevrute.events.PostageClass;
import dk.brevrute.events.PostalAddress;
import dk.brevrute.events.Topics;
import dk.brevrute.kit.messaging.Outbox;
import dk.brevrute.print.address.Addresses;
import dk.brevrute.print.address.CprRegister;
import dk.brevrute.print.address.WindowAddressReader;
import dk.brevrute.print.address.Zones;
import dk.brevrute.print.config.PrintConfig;
import dk.brevrute.print.document.DocumentFetcher;
import dk.brevrute.print.document.DocumentStore;
import dk.brevrute.print.render.RenderJob;
import dk.brevrute.print.render.WindowArea;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;

/**
 * Gets a queued letter ready for a batch: fetches its document (SHA-256 checked), finds the address
 * (the letter's own window address, else the request's, else the CPR register's, else it fails with
 * NO_ADDRESS), works out its sheets and envelope size, and puts it in the open batch of its postage
 * class and envelope size. The HTTP calls happen outside any transaction; the letter is reserved for
 * this replica by a lease meanwhile.
 */
@ApplicationScoped
class LetterPreparation {

    private static final Logger LOG = Logger.getLogger(LetterPreparation.class);
    static final String NO_ADDRESS = "NO_ADDRESS";

    private final PrintLetterRepository letters;
    private final BatchRepository batches;
    private final DocumentFetcher fetcher;
    private final DocumentStore documents;
    private final CprRegister cprRegister;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final PrintConfig config;
    private final WindowAddressReader windowReader;
    private final Zones zones;
    private final CitizenKey citizenKey;
    private final Event<DocumentStore.Obsolete> obsolete;

    LetterPreparation(PrintLetterRepository letters, BatchRepository batches, DocumentFetcher fetcher, DocumentStore documents,
            CprRegister cprRegister, Outbox outbox, ObjectMapper mapper, PrintConfig config, Event<DocumentStore.Obsolete> obsolete) {
        this.letters = letters;
        this.batches = batches;
        this.fetcher = fetcher;
        this.documents = documents;
        this.cprRegister = cprRegister;
        this.outbox = outbox;
        this.mapper = mapper;
        this.config = config;
        this.obsolete = obsolete;
        PrintConfig.Render.Window w = config.render().window();
        this.windowReader = new WindowAddressReader(new WindowArea(w.leftMm(), w.topMm(), w.widthMm(), w.heightMm()));
        this.zones = config.zones().europe().map(Zones::new).orElseGet(Zones::new);
        this.citizenKey = config.citizenKey().secret().map(CitizenKey::new).orElse(null);
        if (citizenKey == null) {
            LOG.warn("print.citizen-key.secret is not set: letters are consolidated by normalised address only");
        }
    }

    /** What preparing a claimed letter needs, read when it is claimed. */
    record Snapshot(UUID letterId, String department, String documentId, String sha256, String cpr, String requestAddress,
            PostageClass postageClass, int pages) {
    }

    private record Resolved(PostalAddress address, PrintLetter.AddressSource source, boolean protectedAddress) {
    }

    /** A letter with its document stored and its address found, ready for a batch of its class and envelope size. */
    private record Ready(UUID letterId, Resolved resolved, String citizenKey, PostageClass postageClass, int sheets, String envelopeSize) {
    }

    /**
     * Prepares the letters due now; returns how many were claimed. The documents of letters claimed
     * together come from letter-intake in one call (any it does not give, a letter fetches alone), and
     * the letters made ready go into their batches in one transaction.
     */
    int prepareDue() {
        Instant now = Instant.now();
        List<Snapshot> claimed = QuarkusTransaction.requiringNew()
                .call(() -> letters.claimToPrepare(config.prepare().claim(), now, now.plus(config.prepare().lease())));
        List<DocumentFetcher.Result> documents = claimed.size() < 2 ? Collections.nCopies(claimed.size(), null)
                : fetcher.fetchAll(claimed.stream().map(s -> new DocumentFetcher.Wanted(s.documentId(), s.department(), s.sha256())).toList());
        List<Ready> ready = new ArrayList<>();
        for (int i = 0; i < claimed.size(); i++) {
            UUID id = claimed.get(i).letterId();
            try {
                prepare(claimed.get(i), documents.get(i)).ifPresent(ready::add);
            } catch (RuntimeException e) {
                preparationFailed(id, e);
            }
        }
        batch(ready);
        return claimed.size();
    }

    /**
     * Gets one letter ready: its document ({@code prefetched}, fetched with others; null to fetch it now)
     * stored and its address found. Empty if it is not ready: failed, or waiting for another attempt.
     */
    private Optional<Ready> prepare(Snapshot s, DocumentFetcher.Result prefetched) {
        UUID id = s.letterId();
        byte[] content;
        DocumentFetcher.Result fetched = prefetched != null ? prefetched : fetcher.fetch(s.documentId(), s.department(), s.sha256());
        if (fetched instanceof DocumentFetcher.Refused refused) {
            QuarkusTransaction.requiringNew().run(() -> fail(id, refused.reason()));
            return Optional.empty();
        } else if (fetched instanceof DocumentFetcher.Unavailable u) {
            LOG.warnf("document of letter %s unavailable (%s); trying again later", id, u.why());
            QuarkusTransaction.requiringNew().run(() -> retryLater(id, "DOCUMENT_UNAVAILABLE"));
            return Optional.empty();
        } else {
            content = ((DocumentFetcher.Fetched) fetched).content();
        }
        Optional<PostalAddress> window = windowAddress(id, content);
        Resolved resolved;
        if (window.isPresent()) {
            resolved = new Resolved(window.get(), PrintLetter.AddressSource.WINDOW, false);
        } else if (s.requestAddress() != null) {
            resolved = new Resolved(readAddress(s.requestAddress()), PrintLetter.AddressSource.REQUEST, false);
        } else if (s.cpr() != null) {
            CprRegister.Answer answer = cprRegister.lookUp(s.cpr());
            if (answer instanceof CprRegister.Unavailable u) {
                LOG.warnf("CPR-register look-up for letter %s unavailable (%s); trying again later", id, u.why());
                QuarkusTransaction.requiringNew().run(() -> retryLater(id, "ADDRESS_LOOKUP_UNAVAILABLE"));
                return Optional.empty();
            }
            resolved = answer instanceof CprRegister.Found f ? new Resolved(f.address(), PrintLetter.AddressSource.CPR_REGISTER, f.addressProtected())
                    : null;
        } else {
            resolved = null;
        }
        if (resolved == null) {
            QuarkusTransaction.requiringNew().run(() -> fail(id, NO_ADDRESS));
            return Optional.empty();
        }
        documents.write(id, content);
        String key = s.cpr() != null && citizenKey != null ? citizenKey.of(s.cpr()) : null;
        int sheets = RenderJob.sheets(s.pages(), config.render().duplex()) + (resolved.source() == PrintLetter.AddressSource.WINDOW ? 0 : 1);
        String size = sheets <= config.envelope().c5MaxSheets() ? "C5" : "C4";
        return Optional.of(new Ready(id, resolved, key, s.postageClass(), sheets, size));
    }

    private Optional<PostalAddress> windowAddress(UUID id, byte[] content) {
        try {
            return windowReader.read(content);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("window of letter %s not readable (%s): using the next address source", id, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private PostalAddress readAddress(String json) {
        try {
            return mapper.readValue(json, PostalAddress.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored request address not readable");
        }
    }

    private void preparationFailed(UUID id, RuntimeException e) {
        LOG.errorf("preparing letter %s failed (%s); it waits for the next attempt", id, e.getClass().getSimpleName());
        QuarkusTransaction.requiringNew().run(() -> retryLater(id, "ERROR"));
    }

    /**
     * Puts the ready letters in their batches, all in one transaction; if that fails (another replica
     * opened a batch of the same class and size at that moment, say), each letter in a transaction of its
     * own, so one letter's trouble is its own.
     */
    private void batch(List<Ready> ready) {
        if (ready.size() > 1) {
            try {
                QuarkusTransaction.requiringNew().run(() -> batchLocked(ready));
                return;
            } catch (RuntimeException e) {
                LOG.warnf("batching %d letters together failed (%s): one transaction per letter", ready.size(), e.getClass().getSimpleName());
            }
        }
        for (Ready r : ready) {
            try {
                batchAlone(r);
            } catch (RuntimeException e) {
                preparationFailed(r.letterId(), e);
            }
        }
    }

    private void batchAlone(Ready r) {
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> batchLocked(List.of(r)));
                return;
            } catch (PersistenceException e) {
                // Another replica opened the batch of this class and size at the same moment: join it.
                if (attempt >= 3 || !uniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    private record BatchKey(PostageClass postageClass, String envelopeSize) {
    }

    /**
     * Puts letters in the open batch of their class and envelope size, opening one where there is none
     * or the last one filled up. Locks the open batches first (in class and size order), then the
     * letters (in id order, one statement for several), as every path that locks both does.
     */
    private void batchLocked(List<Ready> ready) {
        Instant now = Instant.now();
        Map<BatchKey, PrintBatch> open = new HashMap<>();
        ready.stream().map(r -> new BatchKey(r.postageClass(), r.envelopeSize())).distinct()
                .sorted(Comparator.comparing(BatchKey::postageClass).thenComparing(BatchKey::envelopeSize))
                .forEach(k -> batches.openFor(k.postageClass(), k.envelopeSize()).ifPresent(b -> open.put(k, b)));
        Map<UUID, PrintLetter> locked = ready.size() == 1 ? lockedOne(ready.get(0).letterId())
                : letters.lockAll(ready.stream().map(Ready::letterId).toList());
        List<UUID> gone = new ArrayList<>();
        for (Ready r : ready.stream().sorted(Comparator.comparing(Ready::letterId)).toList()) {
            PrintLetter l = locked.get(r.letterId());
            if (l == null || l.status != PrintLetter.Status.WAITING) {
                gone.add(r.letterId());
                continue;
            }
            BatchKey k = new BatchKey(r.postageClass(), r.envelopeSize());
            PrintBatch batch = open.get(k);
            if (batch == null || batch.state != PrintBatch.State.OPEN) {
                batch = newBatch(k, now);
                open.put(k, batch);
            }
            PostalAddress a = r.resolved().address();
            l.address(a);
            l.addressSource = r.resolved().source();
            l.addressProtected = r.resolved().protectedAddress();
            l.zone = zones.of(Addresses.country(a));
            l.addressKey = Addresses.normalised(a);
            l.citizenKey = r.citizenKey();
            l.recipientCpr = null;
            l.sheets = r.sheets();
            l.envelopeSize = r.envelopeSize();
            l.status = PrintLetter.Status.BATCHED;
            l.batchId = batch.id;
            l.claimedUntil = null;
            l.updatedAt = now;
            batch.letters++;
            if (batch.letters >= config.batch().maxLetters()) {
                batch.state = PrintBatch.State.CLOSING;
                batch.closingSince = now;
                batch.stateSince = now;
                batch.closeReason = "SIZE";
                LOG.infof("batch %s full with %d letters: closing", batch.id, batch.letters);
            }
            LOG.infof("letter %s in batch %s (address from %s)", r.letterId(), batch.id, r.resolved().source());
        }
        if (!gone.isEmpty()) {
            // Cancelled or re-routed meanwhile.
            obsolete.fire(new DocumentStore.Obsolete(gone));
        }
    }

    private Map<UUID, PrintLetter> lockedOne(UUID id) {
        // Not read before in this transaction: Hibernate's load by id with the lock, one statement.
        PrintLetter l = letters.findById(id, LockModeType.PESSIMISTIC_WRITE);
        return l == null ? Map.of() : Map.of(id, l);
    }

    private PrintBatch newBatch(BatchKey k, Instant now) {
        PrintBatch b = new PrintBatch();
        b.id = UUID.randomUUID();
        b.postageClass = k.postageClass();
        b.envelopeSize = k.envelopeSize();
        b.state = PrintBatch.State.OPEN;
        b.openedAt = now;
        b.stateSince = now;
        batches.persist(b);
        batches.flush();
        LOG.infof("batch %s opened (%s, %s)", b.id, b.postageClass, k.envelopeSize());
        return b;
    }

    private void fail(UUID id, String reason) {
        PrintLetter l = letters.lock(id);
        if (l == null || l.status != PrintLetter.Status.WAITING) {
            return;
        }
        l.attempts++;
        failLocked(l, reason);
    }

    private void failLocked(PrintLetter l, String reason) {
        UUID id = l.letterId;
        PrintRoutedConsumer.leave(l, null, PrintLetter.Status.FAILED, reason);
        outbox.append(Topics.DELIVERY_FAILED, id.toString(), new DeliveryFailed(UUID.randomUUID(), Instant.now(), id, l.department,
                Channel.PRINT, FailureKind.PERMANENT, reason, l.attempts), l.trace());
        obsolete.fire(new DocumentStore.Obsolete(List.of(id)));
        LOG.infof("letter %s cannot be printed: %s", id, reason);
    }

    private void retryLater(UUID id, String reason) {
        PrintLetter l = letters.lock(id);
        if (l == null || l.status != PrintLetter.Status.WAITING) {
            return;
        }
        l.attempts++;
        if (l.attempts >= config.prepare().maxAttempts()) {
            failLocked(l, reason);
            return;
        }
        Duration wait = config.prepare().firstRetry().multipliedBy(1L << Math.min(20, l.attempts - 1));
        if (wait.compareTo(config.prepare().maxRetry()) > 0) {
            wait = config.prepare().maxRetry();
        }
        l.nextAttemptAt = Instant.now().plus(wait);
        l.claimedUntil = null;
        l.updatedAt = Instant.now();
    }

    static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

}
