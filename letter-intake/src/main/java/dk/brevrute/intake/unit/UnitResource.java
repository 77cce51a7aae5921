package dk.brevrute.intake.unit;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import dk.brevrute.events.Department;
import dk.brevrute.intake.config.IntakeConfig;
import dk.brevrute.intake.security.Caller;
import dk.brevrute.kit.api.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The unit admin's API: a department's citizen-service units, their print queues and printer
 * credentials, and the rollout view (which units are live and how many letters each sent). Another
 * department's units do not exist for the caller.
 */
@Path("/api/v1/units")
@RolesAllowed("unit-admin")
@Produces(MediaType.APPLICATION_JSON)
public class UnitResource {

    public record CreateUnit(String id, String name, String costCentre) {
    }

    /** The queue and its credentials; the password is shown only in this answer. */
    public record Credentials(String unit, String queueUrl, String username, String password) {
    }

    public record UnitView(String id, String name, String department, String costCentre, boolean active, String queueUrl,
            long lettersSent, long waitingForReview, long overdueForReview, Instant oldestWaitingSince, Instant lastLetterAt,
            Instant createdAt, Instant passwordChangedAt, Instant deactivatedAt) {
    }

    /** Live: active and has sent at least one letter. */
    public record Rollout(String department, int units, int active, int live, long lettersSent, long waitingForReview,
            long overdueForReview, List<UnitView> perUnit) {
    }

    private final Units units;
    private final UnitRepository repository;
    private final Caller caller;
    private final IntakeConfig config;
    private final EntityManager em;

    UnitResource(Units units, UnitRepository repository, Caller caller, IntakeConfig config, EntityManager em) {
        this.units = units;
        this.repository = repository;
        this.caller = caller;
        this.config = config;
        this.em = em;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a unit with its print queue; the answer carries the printer password, once")
    public Response create(CreateUnit request, @Context UriInfo uri, @Context HttpHeaders headers) {
        if (request == null) {
            throw new ProblemException(400, "malformed-request", "Malformed request", "a JSON body is required");
        }
        Department department = caller.department();
        Units.Created created = QuarkusTransaction.requiringNew().call(() -> units.create(department, request.id(), request.name(),
                request.costCentre(), caller.name()));
        return Response.created(URI.create("/api/v1/units/" + created.unit().id()))
                .entity(new Credentials(created.unit().id(), queueUrl(uri, headers, created.unit().id()), created.unit().id(),
                        created.password()))
                .build();
    }

    @GET
    @Operation(summary = "The department's units with letters sent and letters waiting for review")
    public List<UnitView> list(@Context UriInfo uri, @Context HttpHeaders headers) {
        Department department = caller.department();
        return views(department, uri, headers);
    }

    @GET
    @Path("/rollout")
    @Operation(summary = "Rollout: units live (active, sending letters) and letters sent per unit")
    public Rollout rollout(@Context UriInfo uri, @Context HttpHeaders headers) {
        Department department = caller.department();
        List<UnitView> views = views(department, uri, headers);
        int active = (int) views.stream().filter(UnitView::active).count();
        int live = (int) views.stream().filter(v -> v.active() && v.lettersSent() > 0).count();
        return new Rollout(department.id(), views.size(), active, live, views.stream().mapToLong(UnitView::lettersSent).sum(),
                views.stream().mapToLong(UnitView::waitingForReview).sum(), views.stream().mapToLong(UnitView::overdueForReview).sum(),
                views);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of the department's units")
    public UnitView get(@PathParam("id") String id, @Context UriInfo uri, @Context HttpHeaders headers) {
        Department department = caller.department();
        return views(department, uri, headers).stream().filter(v -> v.id().equals(id)).findFirst()
                .orElseThrow(() -> new ProblemException(404, "not-found", "Not Found", "no such unit"));
    }

    @POST
    @Path("/{id}/password")
    @Operation(summary = "Rotate the unit's printer password; the answer carries the new one, once")
    public Credentials rotate(@PathParam("id") String id, @Context UriInfo uri, @Context HttpHeaders headers) {
        Department department = caller.department();
        String password = QuarkusTransaction.requiringNew().call(() -> units.rotatePassword(department, id, caller.name()));
        return new Credentials(id, queueUrl(uri, headers, id), id, password);
    }

    @POST
    @Path("/{id}/deactivate")
    @Operation(summary = "Deactivate the unit: its queue refuses its credentials from now on")
    public UnitView deactivate(@PathParam("id") String id, @Context UriInfo uri, @Context HttpHeaders headers) {
        Department department = caller.department();
        QuarkusTransaction.requiringNew().run(() -> units.deactivate(department, id, caller.name()));
        return get(id, uri, headers);
    }

    private String queueUrl(UriInfo uri, HttpHeaders headers, String id) {
        return QueueUris.printerUri(QueueUris.base(config.printer().publicUri(), uri.getRequestUri(),
                headers.getHeaderString(HttpHeaders.HOST)), id);
    }

    private List<UnitView> views(Department department, UriInfo uri, HttpHeaders headers) {
        Instant overdue = Instant.now().minus(config.review().overdueAfter());
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Object[]> stats = new HashMap<>();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    SELECT u.id,
                           count(j.letter_id),
                           count(j.id) FILTER (WHERE j.state = 'PENDING_HELD'),
                           count(j.id) FILTER (WHERE j.state = 'PENDING_HELD' AND j.held_since < ?2),
                           min(j.held_since) FILTER (WHERE j.state = 'PENDING_HELD'),
                           max(j.completed_at) FILTER (WHERE j.letter_id IS NOT NULL)
                    FROM print_unit u LEFT JOIN print_job j ON j.unit = u.id
                    WHERE u.department = ?1
                    GROUP BY u.id""").setParameter(1, department.id()).setParameter(2, overdue).getResultList();
            rows.forEach(r -> stats.put((String) r[0], r));
            return repository.listOfDepartment(department.id()).stream().map(u -> {
                Object[] s = stats.get(u.id);
                return new UnitView(u.id, u.name, u.department, u.costCentre, u.active, queueUrl(uri, headers, u.id),
                        number(s, 1), number(s, 2), number(s, 3), instant(s, 4), instant(s, 5), u.createdAt, u.passwordChangedAt,
                        u.deactivatedAt);
            }).toList();
        });
    }

    private static long number(Object[] row, int i) {
        return row == null || row[i] == null ? 0 : ((Number) row[i]).longValue();
    }

    private static Instant instant(Object[] row, int i) {
        if (row == null || row[i] == null) {
            return null;
        }
        Object v = row[i];
        if (v instanceof Instant t) {
            return t;
        }
        if (v instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return Instant.parse(v.toString());
    }
}
