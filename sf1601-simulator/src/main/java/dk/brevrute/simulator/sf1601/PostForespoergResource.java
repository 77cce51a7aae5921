package dk.brevrute.simulator.sf1601;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * SF1601 PostForespoerg: whether a citizen can receive Digital Post (registered and not exempt).
 * The CPR number travels in the query string, as in the real protocol; the simulator never logs it
 * (Quarkus's access log is off).
 */
@Path("/service/PostForespoerg_1/digitalpost")
public class PostForespoergResource {

    private final Registry registry;
    private final Faults faults;
    private final Mailbox mailbox;
    private final Sf1601Auth auth;

    PostForespoergResource(Registry registry, Faults faults, Mailbox mailbox, Sf1601Auth auth) {
        this.registry = registry;
        this.faults = faults;
        this.mailbox = mailbox;
        this.auth = auth;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "PostForespoerg: can this CPR number receive Digital Post?")
    public Response registered(@QueryParam("cprNumber") String cprNumber, @HeaderParam("Authorization") String authorization) {
        try {
            return answer(cprNumber, authorization);
        } catch (RuntimeException e) {
            // Answered here: Quarkus would log the failed request's URI, query string (the CPR number) included.
            return KombiPostAfsendResource.answer(500, Mailbox.error("INTERNAL_ERROR", e.getClass().getSimpleName()));
        }
    }

    private Response answer(String cprNumber, String authorization) {
        Faults.Fault fault = faults.decide(false);
        if (fault == Faults.Fault.OUTAGE || fault == Faults.Fault.ERROR) {
            mailbox.fault(fault);
            return KombiPostAfsendResource.answer(503, Mailbox.error("SERVICE_UNAVAILABLE", "Serviceplatformen is temporarily unavailable"));
        }
        if (fault == Faults.Fault.THROTTLE) {
            mailbox.fault(fault);
            return Response.status(429).header("Retry-After", String.valueOf(faults.settings().retryAfterSeconds()))
                    .type(MediaType.APPLICATION_JSON).entity(Mailbox.error("TOO_MANY_REQUESTS", "too many requests, retry later")).build();
        }
        faults.latency();
        if (!auth.allows(authorization, true)) {
            return KombiPostAfsendResource.answer(401, Mailbox.error("UNAUTHORIZED", "a valid access token is required"));
        }
        if (cprNumber == null || !cprNumber.matches("[0-9]{10}")) {
            return KombiPostAfsendResource.answer(400, Mailbox.error("INVALID_CPR", "cprNumber must be 10 digits"));
        }
        boolean result = registry.status(cprNumber, "CPR") == Registry.Status.REGISTERED;
        return Response.ok(Map.of("result", result)).type(MediaType.APPLICATION_JSON).build();
    }
}
