package dk.brevrute.print.document;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

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

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
