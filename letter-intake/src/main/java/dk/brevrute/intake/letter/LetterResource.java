package dk.brevrute.intake.letter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.PersistenceException;
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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.brevrute.events.Department;
import dk.brevrute.events.LetterRequested;
import dk.brevrute.events.Recipient;
import dk.brevrute.kit.api.ProblemException;
import dk.brevrute.kit.audit.Audit;
import dk.brevrute.intake.security.Caller;
import dk.brevrute.intake.validation.CprNumber;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.PartType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Letters over REST for the departments' systems. The department is the caller's (token claim);
 * a foreign letter is answered as not found.
 */
@Path("/api/v1/letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("sender")
public class LetterResource {

    static final String INTAKE_PATH = "rest";
    static final int MAX_PAGE_SIZE = 500;

    /** The answer to a submitted letter. */
    public record Accepted(UUID letterId, Letter.Status status, URI location) {
    }

    private final LetterRepository letters;
    private final TimelineRepository timeline;
    private final LetterIntakeService intake;
    private final Caller caller;
    private final ObjectMapper mapper;
    private final Audit audit;

    LetterResource(LetterRepository letters, TimelineRepository timeline, LetterIntakeService intake, Caller caller,
            ObjectMapper mapper, Audit audit) {
        this.letters = letters;
        this.timeline = timeline;
        this.intake = intake;
        this.caller = caller;
        this.mapper = mapper;
        this.audit = audit;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a letter with its PDF inline (base64) or by the id of an uploaded document")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "citizen",
            value = """
                    {"senderReference": "BUF-2026-000123", "recipient": {"cpr": "010190-1234"},
                     "subject": "Afgørelse om pladsanvisning", "postageClass": "B", "costCentre": "BUF-1200",
                     "document": {"filename": "afgoerelse.pdf", "contentBase64": "JVBERi0xLjcK..."}}""")))
    @APIResponse(responseCode = "201", description = "A new letter")
    @APIResponse(responseCode = "200", description = "The same request again: the same letter")
    @APIResponse(responseCode = "409", description = "The sender reference was used for a different letter")
    @APIResponse(responseCode = "422", description = "Invalid request: every violation with its code and field")
    public Response submit(LetterRequested request) {
        if (request == null) {
            throw new ProblemException(400, "malformed-request", "Malformed request", "a JSON body is required");
        }
        return respond(submitOnce(caller.department(), request, null));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Submit a letter as multipart: part 'metadata' (JSON, as for application/json, without document) and part 'document' (the PDF)")
    public Response submitMultipart(@RestForm("metadata") @PartType(MediaType.APPLICATION_JSON) String metadata,
            @RestForm("document") FileUpload document) {
        if (metadata == null || document == null) {
            throw new ProblemException(400, "malformed-request", "Malformed request",
                    "multipart letters need a 'metadata' part (JSON) and a 'document' part (PDF)");
        }
        LetterRequested request;
        try {
            request = mapper.readValue(metadata, LetterRequested.class);
        } catch (JsonProcessingException e) {
            throw new ProblemException(400, "malformed-request", "Malformed request",
                    "the 'metadata' part is not a valid letter request (line " + e.getLocation().getLineNr() + ")");
        }
        byte[] content;
        try {
            content = Files.readAllBytes(document.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return respond(submitOnce(caller.department(), request, new LetterIntakeService.Upload(content, document.fileName())));
    }

    /** Two identical requests may race: the loser of the insert sees the winner's letter. */
    private IntakeOutcome submitOnce(Department department, LetterRequested request, LetterIntakeService.Upload upload) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> intake.submit(department, request, INTAKE_PATH, upload));
            } catch (PersistenceException e) {
                if (attempt >= 3 || !isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private Response respond(IntakeOutcome outcome) {
        if (outcome instanceof IntakeOutcome.Accepted accepted) {
            URI location = URI.create("/api/v1/letters/" + accepted.letterId());
            Letter.Status status = QuarkusTransaction.requiringNew().call(() -> letters.findById(accepted.letterId()).status());
            Accepted body = new Accepted(accepted.letterId(), status, location);
            return accepted.created() ? Response.created(location).entity(body).build()
                    : Response.ok(body).location(location).build();
        }
        IntakeOutcome.Rejected rejected = (IntakeOutcome.Rejected) outcome;
        boolean conflict = rejected.violations().stream().anyMatch(v -> v.code().equals("REFERENCE_CONFLICT"));
        throw conflict
                ? new ProblemException(409, "reference-conflict", "Sender reference already used",
                        "the sender reference was already used for a different letter", rejected.violations())
                : new ProblemException(422, "invalid-letter", "Invalid letter request",
                        rejected.violations().size() + " problem(s) with the request", rejected.violations());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A letter's current status and its timeline")
    public LetterView get(@PathParam("id") UUID id) {
        String department = caller.department().id();
        // Every read is audited, a foreign department's attempt too (as NOT_FOUND).
        return audit.readInTransaction(Audit.LETTER, id, () -> {
            Letter l = letters.ofDepartment(id, department)
                    .orElseThrow(() -> new ProblemException(404, "not-found", "Not Found", "no such letter"));
            return view(l, timeline.forLetter(id));
        });
    }

    @GET
    @Operation(summary = "The caller's letters, newest first, filtered and paged")
    public List<LetterView> list(@QueryParam("department") String department,
            @QueryParam("senderReference") String senderReference, @QueryParam("status") Letter.Status status,
            @QueryParam("from") Instant from, @QueryParam("to") Instant to,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        String own = caller.department().id();
        if (department != null && !department.equals(own)) {
            return List.of();
        }
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new ProblemException(400, "invalid-paging", "Invalid paging", "page >= 0 and 1 <= size <= " + MAX_PAGE_SIZE);
        }
        return QuarkusTransaction.requiringNew().call(() -> letters.search(own, senderReference, status, from, to, page, size)
                .stream().map(l -> view(l, List.of())).toList());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Cancel a letter that is not yet delivered or in a closed print batch")
    @APIResponse(responseCode = "204", description = "Cancelled")
    @APIResponse(responseCode = "409", description = "Too late: delivered or in a closed print batch")
    public Response cancel(@PathParam("id") UUID id, @QueryParam("reason") String reason) {
        Department department = caller.department();
        QuarkusTransaction.requiringNew().run(() -> intake.cancel(department, id, reason, caller.name()));
        return Response.noContent().build();
    }

    private LetterView view(Letter l, List<TimelineEntry> entries) {
        return new LetterView(l.id, l.department, l.senderReference, l.status, l.recipientType.name(),
                maskedRecipient(l.recipient), l.subject, l.postageClass.name(), l.createdAt,
                entries.stream().map(e -> new LetterView.Entry(e.occurredAt, e.kind, e.channel, e.reason, e.detail)).toList());
    }

    private String maskedRecipient(String json) {
        try {
            Recipient r = mapper.readValue(json, Recipient.class);
            if (r.cpr() != null) {
                return CprNumber.parse(r.cpr()).map(CprNumber::masked).orElse("****");
            }
            if (r.cvr() != null) {
                return "CVR " + r.cvr();
            }
            return r.address() == null ? null : r.address().name();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored recipient of a letter is not readable");
        }
    }
}
