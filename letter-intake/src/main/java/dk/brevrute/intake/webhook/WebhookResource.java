package dk.brevrute.intake.webhook;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dk.brevrute.events.Department;
import dk.brevrute.events.LetterStatusChanged;
import dk.brevrute.intake.security.Caller;
import dk.brevrute.kit.api.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A department's webhook subscriptions and their delivery log. Other departments' do not exist for it. */
@Path("/api/v1/webhooks")
@RolesAllowed({"sender", "unit-admin"})
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    public record Subscribe(String url, Set<LetterStatusChanged.Status> kinds, String unit) {
    }

    public record Subscription(UUID id, String url, List<String> kinds, String unit, boolean active, Instant createdAt) {
    }

    public record Delivery(long id, UUID eventId, String status, String state, int attempts, Integer lastStatusCode,
            String lastError, Instant nextAttemptAt, Instant deliveredAt) {
    }

    private final Webhooks webhooks;
    private final WebhookRepositories.Subscriptions subscriptions;
    private final WebhookRepositories.Deliveries deliveries;
    private final Caller caller;

    WebhookResource(Webhooks webhooks, WebhookRepositories.Subscriptions subscriptions, WebhookRepositories.Deliveries deliveries,
            Caller caller) {
        this.webhooks = webhooks;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a callback URL for status kinds; the answer carries the signing secret, once")
    public Response subscribe(Subscribe request) {
        if (request == null) {
            throw new ProblemException(400, "malformed-request", "Malformed request", "a JSON body is required");
        }
        Department department = caller.department();
        Webhooks.Created created = QuarkusTransaction.requiringNew().call(() -> webhooks.subscribe(department, request.unit(),
                request.url(), request.kinds(), caller.name()));
        return Response.status(201).entity(created).build();
    }

    @GET
    @Operation(summary = "The caller's department's subscriptions")
    public List<Subscription> list() {
        String department = caller.department().id();
        return QuarkusTransaction.requiringNew().call(() -> subscriptions.ofDepartment(department).stream()
                .map(s -> new Subscription(s.id, s.url, Arrays.asList(s.kinds.split(",")), s.unit, s.active, s.createdAt)).toList());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Stop a subscription (its log stays)")
    public Response unsubscribe(@PathParam("id") UUID id) {
        String department = caller.department().id();
        QuarkusTransaction.requiringNew().run(() -> own(id, department).active = false);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "The delivery log: attempts, status codes, next retry")
    public List<Delivery> log(@PathParam("id") UUID id, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("100") int size) {
        String department = caller.department().id();
        return QuarkusTransaction.requiringNew().call(() -> {
            own(id, department);
            return deliveries.log(id, Math.max(0, page), Math.min(Math.max(1, size), 500)).stream()
                    .map(d -> new Delivery(d.id, d.eventId, d.statusKind, d.state.name(), d.attempts, d.lastStatusCode, d.lastError,
                            d.state == WebhookDelivery.State.PENDING ? d.nextAttemptAt : null, d.deliveredAt))
                    .toList();
        });
    }

    private WebhookSubscription own(UUID id, String department) {
        return subscriptions.findByIdOptional(id).filter(s -> s.department.equals(department))
                .orElseThrow(() -> new ProblemException(404, "not-found", "Not Found", "no such subscription"));
    }
}
