package dk.brevrute.print.batch;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.PersistenceException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.brevrute.events.CitizenKey;
import dk.brevrute.events.Channel;
import dk.brevrute.events.DeliveryFailed;
import dk.brevrute.events.FailureKind;
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
    record Snapshot(UUID letterId, String department, String documentId, String sha256, String cpr, String requestAddress) {
    }

    private record Resolved(PostalAddress address, PrintLetter.AddressSource source, boolean protectedAddress) {
    }

    /**
     * Prepares the letters due now; returns how many were claimed. The documents of letters claimed
     * together come from letter-intake in one call; any it does not give, a letter fetches alone.
     */
    int prepareDue() {
        Instant now = Instant.now();
        List<Snapshot> claimed = QuarkusTransaction.requiringNew()
                .call(() -> letters.claimToPrepare(config.prepare().claim(), now, now.plus(config.prepare().lease())));
        List<DocumentFetcher.Result> documents = claimed.size() < 2 ? Collections.nCopies(claimed.size(), null)
                : fetcher.fetchAll(claimed.stream().map(s -> new DocumentFetcher.Wanted(s.documentId(), s.department(), s.sha256())).toList());
        for (int i = 0; i < claimed.size(); i++) {
            UUID id = claimed.get(i).letterId();
            try {
                prepare(claimed.get(i), documents.get(i));
            } catch (RuntimeException e) {
                LOG.errorf("preparing letter %s failed (%s); it waits for the next attempt", id, e.getClass().getSimpleName());
                QuarkusTransaction.requiringNew().run(() -> retryLater(id, "ERROR"));
            }
        }
        return claimed.size();
    }

    /** {@code prefetched}: the letter's document as fetched with others; null to fetch it now. */
    private void prepare(Snapshot s, DocumentFetcher.Result prefetched) {
        UUID id = s.letterId();
        byte[] content;
        DocumentFetcher.Result fetched = prefetched != null ? prefetched : fetcher.fetch(s.documentId(), s.department(), s.sha256());
        if (fetched instanceof DocumentFetcher.Refused refused) {
            QuarkusTransaction.requiringNew().run(() -> fail(id, refused.reason()));
            return;
        } else if (fetched instanceof DocumentFetcher.Unavailable u) {
            LOG.warnf("document of letter %s unavailable (%s); trying again later", id, u.why());
            QuarkusTransaction.requiringNew().run(() -> retryLater(id, "DOCUMENT_UNAVAILABLE"));
            return;
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
                return;
            }
            resolved = answer instanceof CprRegister.Found f ? new Resolved(f.address(), PrintLetter.AddressSource.CPR_REGISTER, f.addressProtected())
                    : null;
        } else {
            resolved = null;
        }
        if (resolved == null) {
            QuarkusTransaction.requiringNew().run(() -> fail(id, NO_ADDRESS));
            return;
        }
        documents.write(id, content);
        String key = s.cpr() != null && citizenKey != null ? citizenKey.of(s.cpr()) : null;
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> batch(id, resolved, key));
                return;
            } catch (PersistenceException e) {
                // Another replica opened the batch of this class and size at the same moment: join it.
                if (attempt >= 3 || !uniqueViolation(e)) {
                    throw e;
                }
            }
        }
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

    /** Puts the prepared letter in the open batch of its class and envelope size (batch locked first). */
    private void batch(UUID id, Resolved resolved, String key) {
        PrintLetter peek = letters.findById(id);
        if (peek == null || peek.status != PrintLetter.Status.WAITING) {
            obsolete.fire(new DocumentStore.Obsolete(List.of(id)));
            return;
        }
        int sheets = RenderJob.sheets(peek.pages, config.render().duplex()) + (resolved.source() == PrintLetter.AddressSource.WINDOW ? 0 : 1);
        String size = sheets <= config.envelope().c5MaxSheets() ? "C5" : "C4";
        Instant now = Instant.now();
        PrintBatch batch = batches.openFor(peek.postageClass, size).orElseGet(() -> {
            PrintBatch b = new PrintBatch();
            b.id = UUID.randomUUID();
            b.postageClass = peek.postageClass;
            b.envelopeSize = size;
            b.state = PrintBatch.State.OPEN;
            b.openedAt = now;
            b.stateSince = now;
            batches.persist(b);
            batches.flush();
            LOG.infof("batch %s opened (%s, %s)", b.id, b.postageClass, size);
            return b;
        });
        PrintLetter l = letters.lock(id);
        if (l.status != PrintLetter.Status.WAITING) {
            obsolete.fire(new DocumentStore.Obsolete(List.of(id)));
            return;
        }
        PostalAddress a = resolved.address();
        l.address(a);
        l.addressSource = resolved.source();
        l.addressProtected = resolved.protectedAddress();
        l.zone = zones.of(Addresses.country(a));
        l.addressKey = Addresses.normalised(a);
        l.citizenKey = key;
        l.recipientCpr = null;
        l.sheets = sheets;
        l.envelopeSize = size;
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
        LOG.infof("letter %s in batch %s (address from %s)", id, batch.id, resolved.source());
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
