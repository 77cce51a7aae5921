package dk.brevrute.eboks.delivery;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.eboks.config.GatewayConfig;
import dk.brevrute.eboks.document.DocumentFetcher;
import dk.brevrute.eboks.memo.MemoMessage;
import dk.brevrute.eboks.memo.MemoWriter;
import dk.brevrute.eboks.sf1601.Sf1601Client;
import dk.brevrute.events.FailureKind;
import dk.brevrute.kit.observability.LetterTracing;
import dk.brevrute.kit.observability.TraceContext;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

/**
 * One attempt to deliver one claimed letter: re-check the citizen's registration (PostForespoerg),
 * fetch and verify the document, write the MeMo message, send it under the letter's fixed
 * transaction id, and record the outcome. No database transaction is open while SF1601 is called.
 */
@ApplicationScoped
class DeliveryAttempt {

    private static final Logger LOG = Logger.getLogger(DeliveryAttempt.class);

    /** What an attempt needs of the row, read when the letter is claimed. */
    record Job(UUID letterId, UUID transactionId, String department, String recipientType, String recipientId, String subject,
            boolean mandatory, boolean legalNotification, String documentId, String documentSha256, String filename,
            java.time.Instant receivedAt, boolean cancelled, TraceContext trace, java.time.Instant registrationCheckedAt) {
    }

    private final DeliveryOutcomes outcomes;
    private final DocumentFetcher documents;
    private final Sf1601Client sf1601;
    private final GatewayConfig config;
    private final DeliveryMetrics metrics;
    private final LetterTracing tracing;

    DeliveryAttempt(DeliveryOutcomes outcomes, DocumentFetcher documents, Sf1601Client sf1601,
            GatewayConfig config, DeliveryMetrics metrics, LetterTracing tracing) {
        this.outcomes = outcomes;
        this.documents = documents;
        this.sf1601 = sf1601;
        this.config = config;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    void run(DeliveryOutcomes.Claim claim, Job job) {
        run(claim, job, null);
    }

    /**
     * One attempt, with the letter's document if it was fetched ahead with others ({@code prefetched};
     * null: the attempt fetches it itself). Deletes the prefetched file whatever the outcome.
     */
    void run(DeliveryOutcomes.Claim claim, Job job, DocumentFetcher.Prefetched prefetched) {
        long start = System.nanoTime();
        String result = "error";
        metrics.started();
        try {
            // The letter's trace goes on here: the SF1601 and document calls and the outcome's events belong to it.
            result = tracing.inSpan("eboks-gateway deliver", job.trace(), job.letterId(), () -> attempt(claim, job, prefetched));
        } catch (RuntimeException e) {
            // The outcome could not be recorded (database trouble): the lease runs out and the letter is claimed again.
            LOG.errorf("letter %s: attempt not recorded (%s); it is retried when its lease ends", claim.letterId(),
                    Sf1601Client.describe(e));
        } finally {
            if (prefetched instanceof DocumentFetcher.Fetched f) {
                delete(f.file());
            }
            metrics.finished();
            metrics.attempt(result, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private String attempt(DeliveryOutcomes.Claim claim, Job job, DocumentFetcher.Prefetched prefetched) {
        if (job.cancelled()) {
            outcomes.cancelled(claim);
            return "cancelled";
        }
        AtomicInteger posts = new AtomicInteger();
        Path document = null;
        Path memo = null;
        try {
            if (job.recipientId() == null || job.recipientType() == null) {
                throw new DeliveryFailure.Permanent("the letter has no CPR or CVR number to deliver to");
            }
            if ("CPR".equals(job.recipientType()) && config.sf1601().registrationCheck()) {
                if (recentlyChecked(job)) {
                    metrics.registrationCheck("recent");
                } else {
                    metrics.registrationCheck("asked");
                    if (!sf1601.canReceiveDigitalPost(job.recipientId())) {
                        throw new DeliveryFailure.Permanent("the recipient cannot receive Digital Post now (PostForespoerg: not registered or exempt)");
                    }
                }
            }
            document = document(job, prefetched);
            memo = Files.createTempFile("brevrute-memo-", ".xml");
            try (InputStream in = Files.newInputStream(document);
                    OutputStream out = new BufferedOutputStream(Files.newOutputStream(memo), 64 * 1024)) {
                MemoWriter.writeKombiRequest(message(job), in, out);
            }
            sf1601.send(job.transactionId(), memo, posts);
            outcomes.delivered(claim, java.time.Instant.now(), posts.get());
            return "delivered";
        } catch (DeliveryFailure.Permanent e) {
            outcomes.failed(claim, FailureKind.PERMANENT, e.reason(), posts.get());
            return "permanent";
        } catch (DeliveryFailure.RetryLater e) {
            outcomes.retryLater(claim, e.after(), "throttled", e.reason(), posts.get());
        } catch (DeliveryFailure e) {
            outcomes.retryLater(claim, null, "transient", e.reason(), posts.get());
        } catch (CircuitBreakerOpenException e) {
            outcomes.retryLater(claim, null, "circuit-open", "SF1601 circuit breaker open: calls paused after repeated failures",
                    posts.get());
        } catch (TimeoutException e) {
            outcomes.retryLater(claim, null, "timeout", "no answer in time", posts.get());
        } catch (BulkheadException e) {
            outcomes.retryLater(claim, null, "bulkhead", "too many SF1601 calls in flight", posts.get());
        } catch (IOException | RuntimeException e) {
            LOG.warnf("letter %s: unexpected failure (%s)", claim.letterId(), Sf1601Client.describe(e));
            outcomes.retryLater(claim, null, "unexpected", "unexpected failure (" + Sf1601Client.describe(e) + ")", posts.get());
        } finally {
            delete(document);
            delete(memo);
        }
        return "retry";
    }

    /** The letter's verified document in a temporary file: the one fetched ahead, else fetched now. */
    private Path document(Job job, DocumentFetcher.Prefetched prefetched) {
        if (prefetched instanceof DocumentFetcher.Fetched f) {
            return f.file();
        }
        if (prefetched instanceof DocumentFetcher.Refused r) {
            throw new DeliveryFailure.Permanent(r.reason());
        }
        return documents.fetch(job.documentId(), job.department(), job.documentSha256());
    }

    /**
     * Whether the attempt asks SF1601 whether the citizen can receive Digital Post before it fetches
     * the document: such a letter's document is not fetched ahead, so a citizen who cannot receive it
     * has nothing fetched.
     */
    boolean asksRegistration(Job job) {
        return "CPR".equals(job.recipientType()) && config.sf1601().registrationCheck() && !recentlyChecked(job);
    }

    /**
     * Whether SF1601 said the citizen can receive Digital Post so recently (routing's question for this
     * decision, {@code gateway.sf1601.registration-check-max-age}) that asking again adds nothing.
     */
    private boolean recentlyChecked(Job job) {
        Duration maxAge = config.sf1601().registrationCheckMaxAge();
        return job.registrationCheckedAt() != null && !maxAge.isZero() && !maxAge.isNegative()
                && job.registrationCheckedAt().isAfter(java.time.Instant.now().minus(maxAge));
    }

    private MemoMessage message(Job job) {
        GatewayConfig.Sender sender = config.sender();
        GatewayConfig.DepartmentSender override = sender.departments().get(job.department());
        String cvr = override != null && override.cvr().isPresent() ? override.cvr().get() : sender.cvr();
        String senderLabel = override != null && override.label().isPresent() ? override.label().get() : sender.label();
        String label = job.subject() == null || job.subject().isBlank() ? "Brev fra " + senderLabel : job.subject();
        String filename = job.filename() == null || job.filename().isBlank() ? "brev.pdf" : job.filename();
        // The letter id is the MeMo message UUID: stable for the letter, whatever transaction carries it.
        return new MemoMessage(job.letterId(), label, job.mandatory(), job.legalNotification(), cvr, senderLabel, job.recipientId(),
                job.recipientType(), job.receivedAt(), filename, config.sf1601().language());
    }

    private static void delete(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.warnf("could not delete temporary file %s", p.getFileName());
            }
        }
    }
}
