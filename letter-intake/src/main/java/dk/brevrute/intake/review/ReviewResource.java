package dk.brevrute.intake.review;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dk.brevrute.events.PostalAddress;
import dk.brevrute.events.Recipient;
import dk.brevrute.intake.security.Caller;
import dk.brevrute.intake.unit.PrintUnit;
import dk.brevrute.intake.unit.UnitRepository;
import dk.brevrute.kit.api.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The review queue for caseworkers (role {@code caseworker}): the unit comes from the token's
 * {@code unit} claim and must belong to the department in its {@code department} claim. The web
 * page at {@code /review/} uses this API.
 */
@Path("/api/v1/review")
@RolesAllowed("caseworker")
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {

    /** The recipient a caseworker confirmed or entered: a CPR number, or a postal address alone. */
    public record Release(String cpr, PostalAddress address, String subject) {
    }

    public record Discard(String reason) {
    }

    private final ReviewQueue queue;
    private final Caller caller;
    private final UnitRepository units;

    ReviewResource(ReviewQueue queue, Caller caller, UnitRepository units) {
        this.queue = queue;
        this.caller = caller;
        this.units = units;
    }

    @GET
    @Operation(summary = "The caller's unit's letters waiting for review, oldest first")
    public List<ReviewQueue.Waiting> waiting() {
        String unit = unit();
        return QuarkusTransaction.requiringNew().call(() -> queue.waiting(unit));
    }

    @GET
    @Path("/{job}")
    @Operation(summary = "One waiting letter: why it waits, the text of page 1 and its envelope window, an address as far as it could be read")
    public ReviewQueue.Detail detail(@PathParam("job") int job) {
        String unit = unit();
        return QuarkusTransaction.requiringNew().call(() -> queue.detail(unit, job));
    }

    @GET
    @Path("/{job}/preview.png")
    @Produces("image/png")
    @Operation(summary = "Page 1 as a PNG")
    public Response preview(@PathParam("job") int job) {
        String unit = unit();
        byte[] png = QuarkusTransaction.requiringNew().call(() -> queue.preview(unit, job));
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        noStore.setPrivate(true);
        return Response.ok(png, "image/png").cacheControl(noStore).build();
    }

    @POST
    @Path("/{job}/release")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Release the letter to a CPR number or a postal address; 422 with every problem leaves it waiting")
    public ReviewQueue.Released release(@PathParam("job") int job, Release request) {
        if (request == null || (blank(request.cpr()) && request.address() == null)) {
            throw new ProblemException(400, "malformed-request", "Malformed request", "give the recipient's cpr or address");
        }
        Recipient recipient = !blank(request.cpr())
                ? new Recipient(Recipient.RecipientType.CPR, request.cpr().strip(), null, request.address())
                : new Recipient(Recipient.RecipientType.ADDRESS, null, null, request.address());
        String unit = unit();
        String by = caller.name();
        return QuarkusTransaction.requiringNew().call(() -> queue.release(unit, job, recipient, request.subject(), by));
    }

    @POST
    @Path("/{job}/discard")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Discard the letter: it is not sent and its print job is canceled")
    public Response discard(@PathParam("job") int job, Discard request) {
        String unit = unit();
        String by = caller.name();
        QuarkusTransaction.requiringNew().run(() -> queue.discard(unit, job, request == null ? null : request.reason(), by));
        return Response.noContent().build();
    }

    /** The caller's unit, which must be an active unit of the caller's department. */
    private String unit() {
        String department = caller.department().id();
        String unit = caller.unit();
        PrintUnit u = QuarkusTransaction.requiringNew().call(() -> units.findByIdOptional(unit).orElse(null));
        if (u == null || !u.department().equals(department)) {
            throw new ProblemException(403, "unit-unknown", "Unknown unit", "the token's unit is not a unit of its department");
        }
        return unit;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
