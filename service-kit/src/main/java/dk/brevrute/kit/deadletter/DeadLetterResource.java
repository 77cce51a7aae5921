package dk.brevrute.kit.deadletter;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import dk.brevrute.kit.api.ProblemException;

/**
 * Every service's dead letters, for operators: list them with their error headers, and after a fix
 * re-drive chosen ones (by dead-letter topic, partition and offset) to the topic they came from.
 */
@Path("/api/v1/admin/dead-letters")
@RolesAllowed("operator")
public class DeadLetterResource {

    static final int MAX_LIMIT = 1000;
    static final int MAX_REDRIVE = 500;

    public record Topic(String topic, String sourceTopic) {
    }

    public record Listing(List<Topic> topics, List<DeadLetters.Entry> records) {
    }

    public record RedriveRequest(List<DeadLetters.Ref> records, String note) {
    }

    public record RedriveResponse(String by, List<DeadLetters.Result> results) {
    }

    private final DeadLetters deadLetters;

    DeadLetterResource(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Listing list(@QueryParam("topic") String topic, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ProblemException(400, "invalid-limit", "Invalid limit", "limit must be 1 to " + MAX_LIMIT);
        }
        DeadLetterTopics topics = deadLetters.topics();
        if (topic != null && !topics.contains(topic)) {
            throw new ProblemException(404, "unknown-dead-letter-topic", "Unknown dead-letter topic", "not a dead-letter topic of this service");
        }
        List<String> wanted = topic == null ? List.copyOf(topics.sourceByDlq().keySet()) : List.of(topic);
        return new Listing(topics.sourceByDlq().entrySet().stream().map(e -> new Topic(e.getKey(), e.getValue())).toList(),
                deadLetters.list(wanted, limit));
    }

    @POST
    @Path("/redrive")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public RedriveResponse redrive(RedriveRequest request, @Context SecurityContext security) {
        if (request == null || request.records() == null || request.records().isEmpty() || request.records().size() > MAX_REDRIVE) {
            throw new ProblemException(400, "invalid-redrive", "Invalid re-drive", "give 1 to " + MAX_REDRIVE + " records (topic, partition, offset)");
        }
        if (request.records().stream().anyMatch(r -> r == null || r.topic() == null || r.partition() < 0 || r.offset() < 0)) {
            throw new ProblemException(400, "invalid-redrive", "Invalid re-drive", "every record needs a topic, a partition and an offset");
        }
        if (request.note() != null && request.note().length() > 500) {
            throw new ProblemException(400, "invalid-redrive", "Invalid re-drive", "a note has at most 500 characters");
        }
        String by = security.getUserPrincipal() == null ? "unknown" : security.getUserPrincipal().getName();
        return new RedriveResponse(by, deadLetters.redrive(request.records(), by, request.note()));
    }
}
