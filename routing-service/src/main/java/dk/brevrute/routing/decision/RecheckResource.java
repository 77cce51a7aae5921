package dk.brevrute.routing.decision;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
import org.jboss.logging.Logger;

/** The print centre asks, before a batch closes, whether its letters still go on paper. */
@Path("/internal/v1/routing/recheck")
@RolesAllowed("service")
class RecheckResource {

    static final int MAX_LETTERS = 10_000;
    /** Letters re-checked in one transaction. */
    static final int TOGETHER = 100;
    private static final Logger LOG = Logger.getLogger(RecheckResource.class);

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
        if (request == null || request.letterIds() == null || request.letterIds().size() > MAX_LETTERS
                || request.letterIds().stream().anyMatch(Objects::isNull)) {
            throw new ProblemException(400, "invalid-recheck", "Invalid re-check", "give 1 to " + MAX_LETTERS + " letterIds");
        }
        List<UUID> ids = request.letterIds();
        List<Router.Recheck> decisions = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += TOGETHER) {
            decisions.addAll(recheck(ids.subList(from, Math.min(ids.size(), from + TOGETHER))));
        }
        return new Response(decisions);
    }

    /**
     * Up to {@link #TOGETHER} letters in one transaction; if it fails, each letter in a transaction of
     * its own, so one letter's trouble is its own (and the request fails with it, as it would alone).
     */
    private List<Router.Recheck> recheck(List<UUID> letterIds) {
        if (letterIds.size() > 1) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> router.recheckAll(letterIds));
            } catch (RuntimeException e) {
                LOG.warnf("re-check of %d letters together failed (%s): one transaction per letter", letterIds.size(),
                        e.getClass().getSimpleName());
            }
        }
        return letterIds.stream().map(id -> QuarkusTransaction.requiringNew().call(() -> router.recheck(id)))
                .flatMap(Optional::stream).toList();
    }
}
