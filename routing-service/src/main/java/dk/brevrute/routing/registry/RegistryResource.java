package dk.brevrute.routing.registry;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dk.brevrute.events.CitizenKey;
import dk.brevrute.kit.api.ProblemException;
import dk.brevrute.kit.audit.Audit;
import dk.brevrute.kit.privacy.CprMask;
import dk.brevrute.routing.decision.RoutingRules.Lookup;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/**
 * Registry administration (role {@code registry-admin}). A citizen is asked for by CPR number in the
 * request body, never in the URL.
 */
@Path("/api/v1/registry")
@RolesAllowed("registry-admin")
@Produces(MediaType.APPLICATION_JSON)
class RegistryResource {

    private static final Logger LOG = Logger.getLogger(RegistryResource.class);

    record CitizenQuery(String cpr) {
    }

    /** The citizen's state; {@code cpr} whole for registry admins (their own look-up), else {@code DDMMYY-****}. */
    record CitizenState(String cpr, String status, LocalDate exemptUntil, String source) {
    }

    /** Roles that see a whole CPR number in an answer. */
    static final List<String> SEES_CPR = List.of("registry-admin");

    private final RegistryLookup lookup;
    private final SnapshotLoader loader;
    private final JsonWebToken caller;
    private final CitizenKey citizenKey;
    private final Audit audit;

    RegistryResource(RegistryLookup lookup, SnapshotLoader loader, JsonWebToken caller, CitizenKey citizenKey, Audit audit) {
        this.lookup = lookup;
        this.loader = loader;
        this.caller = caller;
        this.citizenKey = citizenKey;
        this.audit = audit;
    }

    @POST
    @Path("/citizen")
    @RolesAllowed({"registry-admin", "auditor"})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "One citizen's Digital Post state (CPR number in the body); audited, with the X-Purpose header if given")
    public CitizenState citizen(CitizenQuery query) {
        if (query == null || query.cpr() == null || !query.cpr().strip().matches("[0-9]{6}-?[0-9]{4}")) {
            throw new ProblemException(422, "invalid-cpr", "Invalid CPR number", "give a CPR number of 10 digits");
        }
        String cpr = query.cpr().strip();
        LOG.infof("registration of a citizen read by %s", caller.getName());
        return audit.read(Audit.LOOKUP, Audit.CITIZEN, citizenKey.of(cpr), () -> {
            RegistryLookup.Answer answer = lookup.lookup(cpr, null);
            if (answer.lookup() instanceof Lookup.Known known) {
                return new CitizenState(CprMask.forRoles(cpr, caller.getGroups(), SEES_CPR), known.status().name(),
                        known.exemptUntil(), answer.source());
            }
            throw new ProblemException(503, "lookup-unavailable", "Look-up unavailable",
                    "the citizen is not in the registry and SF1601 does not answer now");
        });
    }

    @POST
    @Path("/snapshots")
    @Consumes({"text/csv", "application/x-ndjson"})
    @Operation(summary = "Bulk-load a registry snapshot: CSV with a header, or JSON lines; streamed, newest state wins")
    public SnapshotLoader.Summary load(InputStream body, @jakarta.ws.rs.HeaderParam("Content-Type") String contentType) {
        SnapshotLoader.Format format = contentType != null && contentType.startsWith("application/x-ndjson")
                ? SnapshotLoader.Format.JSON_LINES : SnapshotLoader.Format.CSV;
        try {
            return loader.load(body, format, caller.getName());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(422, "invalid-snapshot", "Invalid snapshot", e.getMessage());
        }
    }

    @GET
    @Path("/snapshots/{id}")
    @Operation(summary = "Progress and rejected rows of a snapshot load")
    public SnapshotLoader.Summary status(@PathParam("id") UUID id) {
        SnapshotLoader.Summary summary = loader.status(id);
        if (summary == null) {
            throw new ProblemException(404, "not-found", "Not Found", "no such snapshot load");
        }
        return summary;
    }
}
