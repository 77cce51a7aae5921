package dk.brevrute.eboks.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import dk.brevrute.eboks.config.GatewayConfig;
import dk.brevrute.eboks.delivery.DeliveryFailure;
import dk.brevrute.eboks.sf1601.Sf1601Client;
import dk.brevrute.events.DocumentBatch;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Fetches a letter's document from letter-intake by reference, with the service token, into a
 * private temporary file, and checks it against the SHA-256 the letter carries. A document that is
 * missing or differs is a permanent failure; an unreachable letter-intake a transient one.
 */
@ApplicationScoped
public class DocumentFetcher {

    private static final Logger LOG = Logger.getLogger(DocumentFetcher.class);

    private final IntakeDocumentsApi api;
    private final Optional<String> token;

    DocumentFetcher(GatewayConfig config) {
        GatewayConfig.Documents c = config.documents();
        this.token = c.token().filter(t -> !t.isBlank());
        if (token.isEmpty()) {
            LOG.warn("no service token for letter-intake configured (GATEWAY_DOCUMENTS_TOKEN): documents cannot be fetched");
        }
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(c.url())
                .connectTimeout(c.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(c.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                .build(IntakeDocumentsApi.class);
    }

    /** The verified document in a temporary file; the caller deletes it. */
    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 3, delay = 500, jitter = 250,
            retryOn = {DeliveryFailure.Transient.class, TimeoutException.class},
            abortOn = DeliveryFailure.Permanent.class)
    @ExponentialBackoff(factor = 2, maxDelay = 5_000)
    @WithSpan("document fetch")
    public Path fetch(String documentId, String department, String expectedSha256) {
        String bearer = token.map(t -> "Bearer " + t).orElseThrow(() -> new DeliveryFailure.Transient(
                "no service token for letter-intake configured (GATEWAY_DOCUMENTS_TOKEN)"));
        try (Response r = api.fetch(documentId, department, bearer)) {
            int status = r.getStatus();
            if (status == 404) {
                throw new DeliveryFailure.Permanent("letter-intake has no document " + documentId + " for department " + department);
            }
            if (status >= 500 || status == 401 || status == 403 || status == 408 || status == 429) {
                throw new DeliveryFailure.Transient("letter-intake answered " + status + " for document " + documentId);
            }
            if (status != 200) {
                throw new DeliveryFailure.Permanent("letter-intake answered " + status + " for document " + documentId);
            }
            String announced = r.getHeaderString("X-Content-SHA256");
            if (announced != null && !announced.equalsIgnoreCase(expectedSha256)) {
                throw new DeliveryFailure.Permanent("document " + documentId + " in letter-intake is not the one the letter references"
                        + " (X-Content-SHA256 differs)");
            }
            Path file = Files.createTempFile("brevrute-document-", ".pdf");
            try {
                String actual = copy(r.readEntity(InputStream.class), file);
                if (!actual.equalsIgnoreCase(expectedSha256)) {
                    throw new DeliveryFailure.Permanent("document " + documentId + " does not match the letter's SHA-256");
                }
                return file;
            } catch (RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        } catch (ProcessingException e) {
            throw new DeliveryFailure.Transient("letter-intake did not answer for document " + documentId
                    + " (" + Sf1601Client.describe(e) + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store document " + documentId + " temporarily", e);
        }
    }

    /** A letter's document to fetch ahead: its reference, the letter's department and the SHA-256 the letter carries. */
    public record Wanted(String documentId, String department, String sha256) {
    }

    /** What a batch fetch gave one letter; a letter with no answer is fetched singly, by {@link #fetch}. */
    public sealed interface Prefetched {
    }

    /** The verified document in a temporary file of the letter's own; the caller deletes it. */
    public record Fetched(Path file) implements Prefetched {
    }

    /** The document will never be had: missing for the department, or not the one the letter references. */
    public record Refused(String reason) implements Prefetched {
    }

    /**
     * The documents of several letters in one call to letter-intake ({@link DocumentBatch}), each
     * checked against its letter's SHA-256 and written to a temporary file of the letter's own (letters
     * may share a document). The answer is aligned with {@code wanted}; a null is a letter to fetch
     * singly: letter-intake left it out of the answer, or the whole call failed (letter-intake
     * unreachable, or older, without the batch endpoint), so no letter fails for want of a batch.
     */
    @WithSpan("document batch fetch")
    public List<Prefetched> fetchAll(List<Wanted> wanted) {
        List<Prefetched> result = new ArrayList<>(Collections.nCopies(wanted.size(), null));
        DocumentBatch.Call call = new DocumentBatch.Call(wanted.stream()
                .map(w -> DocumentBatch.Wanted.of(w.documentId(), w.department())).toList());
        if (call.isEmpty() || token.isEmpty()) {
            return result;
        }
        List<DocumentBatch.Item> items;
        try (Response r = api.fetchAll(call.request(), "Bearer " + token.get())) {
            if (r.getStatus() != 200) {
                LOG.warnf("letter-intake answered %d to a batch of %d documents: each is fetched singly", r.getStatus(), call.documents());
                return result;
            }
            items = call.items(r.readEntity(DocumentBatch.Answer.class));
        } catch (ProcessingException e) {
            LOG.warnf("letter-intake did not answer a batch of %d documents (%s): each is fetched singly", call.documents(),
                    Sf1601Client.describe(e));
            return result;
        }
        for (int i = 0; i < items.size(); i++) {
            DocumentBatch.Item item = items.get(i);
            if (item != null && item.status() != DocumentBatch.Status.FETCH_SINGLY) {
                result.set(i, prefetched(item, wanted.get(i).sha256()));
            }
        }
        return result;
    }

    private static Prefetched prefetched(DocumentBatch.Item item, String expectedSha256) {
        if (item.status() == DocumentBatch.Status.NOT_FOUND) {
            return new Refused("letter-intake has no document " + item.documentId() + " for department " + item.department());
        }
        if (item.content() == null || !expectedSha256.equalsIgnoreCase(item.sha256())
                || !expectedSha256.equalsIgnoreCase(HexFormat.of().formatHex(sha256().digest(item.content())))) {
            return new Refused("document " + item.documentId() + " does not match the letter's SHA-256");
        }
        Path file = null;
        try {
            file = Files.createTempFile("brevrute-document-", ".pdf");
            Files.write(file, item.content());
            return new Fetched(file);
        } catch (IOException e) {
            deleteQuietly(file);
            LOG.warnf("cannot store document %s temporarily (%s): it is fetched singly", item.documentId(), e.getClass().getSimpleName());
            return null;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.debugf("temporary file %s not deleted", file.getFileName());
        }
    }

    private static String copy(InputStream in, Path file) throws IOException {
        try (in; OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha256())) {
            in.transferTo(out);
            out.flush();
            return HexFormat.of().formatHex(((DigestOutputStream) out).getMessageDigest().digest());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
