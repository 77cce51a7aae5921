package dk.brevrute.eboks.receipt;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dk.brevrute.eboks.delivery.Receipts;
import dk.brevrute.eboks.sf1601.Sf1601Client;
import dk.brevrute.kit.api.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Where Digital Post (through Serviceplatformen, or the simulator) pushes status messages about
 * sent letters. {@code read} becomes {@code letters.read.v1}; {@code failed} after acceptance
 * becomes {@code letters.delivery-failed.v1} (PERMANENT); {@code received} is acknowledged only.
 * Each message takes effect once; a repeat is answered {@code duplicate}.
 */
@Path("/api/v1/sf1601/post-status")
public class PostStatusResource {

    private final Receipts receipts;

    PostStatusResource(Receipts receipts) {
        this.receipts = receipts;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("service")
    @Operation(summary = "A status message (received, read, failed) for a letter sent under an SF1601 transaction id")
    public Map<String, String> receive(PostStatus message) {
        if (message == null || message.transactionId() == null || message.status() == null) {
            throw new ProblemException(400, "invalid-post-status", "Invalid status message", "transactionId and status are required");
        }
        Receipts.Status status;
        try {
            status = Receipts.Status.valueOf(message.status().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "invalid-post-status", "Invalid status message", "status must be received, read or failed");
        }
        Instant time = message.time() == null ? Instant.now() : message.time();
        String reason = message.reason() == null ? null : Sf1601Client.maskCprLike(message.reason());
        Receipts.Result result = receipts.record(message.transactionId(), status, time, reason);
        if (result == Receipts.Result.UNKNOWN_TRANSACTION) {
            throw new ProblemException(404, "unknown-transaction", "Unknown transaction", "no letter was sent under this transaction id");
        }
        return Map.of("transactionId", message.transactionId().toString(), "result", result.name().toLowerCase(Locale.ROOT));
    }
}
