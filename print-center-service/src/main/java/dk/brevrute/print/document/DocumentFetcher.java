package dk.brevrute.print.document;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import dk.brevrute.events.DocumentBatch;
import dk.brevrute.print.config.PrintConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import org.jboss.logging.Logger;

/** Fetches a letter's PDF from letter-intake and checks it is the document that was submitted. */
@ApplicationScoped
public class DocumentFetcher {

    private static final Logger LOG = Logger.getLogger(DocumentFetcher.class);

    public sealed interface Result {
    }

    public record Fetched(byte[] content) implements Result {
    }

    /** Never going to succeed: unknown document, or not the document whose hash the letter carries. */
    public record Refused(String reason) implements Result {
    }

    /** Try again later. */
    public record Unavailable(String why) implements Result {
    }

    private final PrintConfig.Documents config;
    private final DocumentApi api;

    DocumentFetcher(PrintConfig config) {
        this.config = config.documents();
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(this.config.url())
                .connectTimeout(this.config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(this.config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build(DocumentApi.class);
        if (this.config.token().isEmpty()) {
            LOG.warn("print.documents.token is not set: letter-intake will refuse to hand out documents");
        }
    }

    public Result fetch(String documentId, String department, String expectedSha256) {
        String auth = config.token().map(t -> "Bearer " + t).orElse(null);
        try (Response r = api.fetch(auth, documentId, department)) {
            byte[] content = r.readEntity(byte[].class);
            String actual = sha256(content);
            String declared = r.getHeaderString("X-Content-SHA256");
            if (!actual.equalsIgnoreCase(expectedSha256) || (declared != null && !declared.equalsIgnoreCase(expectedSha256))) {
                return new Refused("DOCUMENT_HASH_MISMATCH");
            }
            return new Fetched(content);
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 404 || status == 410) {
                return new Refused("DOCUMENT_NOT_FOUND");
            }
            return new Unavailable("HTTP " + status);
        } catch (ProcessingException e) {
            return new Unavailable(e.getCause() == null ? e.getClass().getSimpleName() : e.getCause().getClass().getSimpleName());
        }
    }

    /** A letter's document: its reference, the letter's department and the SHA-256 the letter carries. */
    public record Wanted(String documentId, String department, String sha256) {
    }

    /**
     * The documents of several letters in one call to letter-intake ({@link DocumentBatch}), each
     * checked against its letter's SHA-256, aligned with {@code wanted} (letters may share a document).
     * A null is a letter whose document is to be fetched singly ({@link #fetch}): letter-intake left it
     * out of the answer, or the call failed as a whole (letter-intake unreachable, or older, without
     * the batch endpoint).
     */
    public List<Result> fetchAll(List<Wanted> wanted) {
        List<Result> results = new ArrayList<>(Collections.nCopies(wanted.size(), null));
        DocumentBatch.Call call = new DocumentBatch.Call(wanted.stream()
                .map(w -> DocumentBatch.Wanted.of(w.documentId(), w.department())).toList());
        if (call.isEmpty()) {
            return results;
        }
        List<DocumentBatch.Item> items;
        try {
            items = call.items(api.fetchAll(config.token().map(t -> "Bearer " + t).orElse(null), call.request()));
        } catch (WebApplicationException | ProcessingException e) {
            LOG.warnf("a batch of %d documents could not be fetched (%s): each is fetched singly", call.documents(),
                    e instanceof WebApplicationException w ? "HTTP " + w.getResponse().getStatus() : e.getClass().getSimpleName());
            return results;
        }
        for (int i = 0; i < items.size(); i++) {
            DocumentBatch.Item item = items.get(i);
            if (item == null || item.status() == DocumentBatch.Status.FETCH_SINGLY) {
                continue;
            }
            String expected = wanted.get(i).sha256();
            boolean intact = item.content() != null && expected.equalsIgnoreCase(item.sha256())
                    && expected.equalsIgnoreCase(sha256(item.content()));
            results.set(i, item.status() == DocumentBatch.Status.NOT_FOUND ? new Refused("DOCUMENT_NOT_FOUND")
                    : intact ? new Fetched(item.content()) : new Refused("DOCUMENT_HASH_MISMATCH"));
        }
        return results;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
