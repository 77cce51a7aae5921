package dk.brevrute.routing.decision;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dk.brevrute.kit.api.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The print centre asks, before a batch closes, whether its letters still go on paper. */
@Path("/internal/v1/routing/recheck")
@RolesAllowed("service")
class RecheckResource {

    static final int MAX_LETTERS = 10_000;

    record Request(List<UUID> letterIds) {
    }

    record Response(List<Router.Recheck> decisions) {
    }

    private final Router router;

    RecheckResource(Router router) {
        this.router = router;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Re-check letters waiting for print; those now on Digital Post are re-routed to DIGITAL")
    public Response recheck(Request request) {
        if (request == null || request.letterIds() == null || request.letterIds().size() > MAX_LETTERS) {
            throw new ProblemException(400, "invalid-recheck", "Invalid re-check", "give 1 to " + MAX_LETTERS + " letterIds");
        }
        return new Response(request.letterIds().stream()
                .map(id -> QuarkusTransaction.requiringNew().call(() -> router.recheck(id)))
                .flatMap(java.util.Optional::stream)
                .toList());
    }
}
