package dk.brevrute.print.batch;

import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dk.brevrute.kit.api.ProblemException;
import dk.brevrute.kit.audit.Audit;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The print centre operators' API (role {@code operator}): batches, their files and their lifecycle. */
@Path("/api/v1/batches")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("operator")
public class BatchResource {

    static final int MAX_PAGE_SIZE = 200;

    private final BatchRepository batches;
    private final EnvelopeRepository envelopes;
    private final TransitionRepository transitions;
    private final BatchClosing closing;
    private final BatchLifecycle lifecycle;
    private final Operator operator;
    private final Audit audit;

    BatchResource(BatchRepository batches, EnvelopeRepository envelopes, TransitionRepository transitions, BatchClosing closing,
            BatchLifecycle lifecycle, Operator operator, Audit audit) {
        this.batches = batches;
        this.envelopes = envelopes;
        this.transitions = transitions;
        this.closing = closing;
        this.lifecycle = lifecycle;
        this.operator = operator;
        this.audit = audit;
    }

    @GET
    @Operation(summary = "Batches, newest first, with their counts; filter by state")
    public List<BatchViews.Batch> list(@QueryParam("state") String state, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new ProblemException(400, "invalid-paging", "Invalid paging", "page >= 0 and 1 <= size <= " + MAX_PAGE_SIZE);
        }
        PrintBatch.State s = state == null ? null : state(state);
        return QuarkusTransaction.requiringNew().call(() -> batches.page(s, page, size).stream().map(BatchViews.Batch::of).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A batch with its history (who did what when) and its envelopes")
    public BatchViews.Detail get(@PathParam("id") UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            PrintBatch b = find(id);
            return new BatchViews.Detail(BatchViews.Batch.of(b),
                    transitions.ofBatch(id).stream().map(t -> new BatchViews.Step(t.fromState == null ? null : t.fromState.name(),
                            t.toState.name(), t.at, t.operator, t.reason)).toList(),
                    envelopes.ofBatch(id).stream().map(e -> new BatchViews.Envelope(e.seq, e.carrier, e.sheets, e.letters, e.zone,
                            e.country, e.postcode, e.weightGrams, e.postage)).toList());
        });
    }

    @GET
    @Path("/{id}/print-file")
    @Produces("application/pdf")
    @Operation(summary = "The batch's print-ready PDF")
    @APIResponse(responseCode = "409", description = "The print file is not made yet")
    @APIResponse(responseCode = "410", description = "Deleted by retention (print.retention.print-files after hand-over)")
    public Response printFile(@PathParam("id") UUID id) {
        return file(id, "pdf", "application/pdf");
    }

    @GET
    @Path("/{id}/manifest.csv")
    @Produces("text/csv")
    @Operation(summary = "The batch manifest as CSV: one row per letter, with its envelope")
    public Response manifestCsv(@PathParam("id") UUID id) {
        return file(id, "csv", "text/csv; charset=UTF-8");
    }

    @GET
    @Path("/{id}/manifest.json")
    @Operation(summary = "The batch manifest as JSON: envelopes, their letters, sheets, weight and postage")
    public Response manifestJson(@PathParam("id") UUID id) {
        return file(id, "json", MediaType.APPLICATION_JSON);
    }

    @POST
    @Path("/{id}/close")
    @Operation(summary = "Close an open batch now (its letters are re-checked with routing first)")
    @APIResponse(responseCode = "409", description = "The batch is not open")
    public BatchViews.Batch close(@PathParam("id") UUID id) {
        closing.closeByHand(id, operator.name());
        return QuarkusTransaction.requiringNew().call(() -> batches.findByIdOptional(id).map(BatchViews.Batch::of)
                .orElseThrow(() -> new ProblemException(404, "not-found", "Not Found", "the batch was empty and is gone")));
    }

    @POST
    @Path("/{id}/transitions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move a batch on: PRINTED, ENVELOPED, FRANKED, HANDED_OVER in that order; FAILED (with a reason) "
            + "while printing; CLOSED to re-queue a failed batch")
    @APIResponse(responseCode = "409", description = "Not the next step (no skipping, no going back)")
    public BatchViews.Batch move(@PathParam("id") UUID id, BatchViews.Move move) {
        if (move == null || move.state() == null) {
            throw new ProblemException(400, "malformed-request", "Malformed request", "give the target state");
        }
        PrintBatch.State target = state(move.state());
        if (target == PrintBatch.State.OPEN || target == PrintBatch.State.CLOSING) {
            throw new ProblemException(409, "invalid-transition", "Invalid transition", "a batch never goes back to " + target);
        }
        String who = operator.name();
        return QuarkusTransaction.requiringNew().call(() -> BatchViews.Batch.of(lifecycle.move(id, target, who, move.reason())));
    }

    /** A print file or manifest holds every letter of the batch with names and addresses: each download is audited. */
    private Response file(UUID id, String kind, String mediaType) {
        return audit.read(Audit.DOWNLOAD, Audit.PRINT_BATCH, id, () -> readFile(id, kind, mediaType));
    }

    private Response readFile(UUID id, String kind, String mediaType) {
        PrintBatch b = QuarkusTransaction.requiringNew().call(() -> find(id));
        if (b.filesRemovedAt != null) {
            throw new ProblemException(410, "print-file-removed", "Print file removed",
                    "the print file and manifests of this batch were deleted by retention");
        }
        String name = switch (kind) {
            case "pdf" -> b.pdfFile;
            case "csv" -> b.manifestCsvFile;
            default -> b.manifestJsonFile;
        };
        if (b.renderedAt == null || name == null || !Files.isRegularFile(java.nio.file.Path.of(name))) {
            throw new ProblemException(409, "print-file-not-ready", "Print file not ready", "the print file of this batch is not made yet");
        }
        java.nio.file.Path file = java.nio.file.Path.of(name);
        return Response.ok(file.toFile(), mediaType)
                .header("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"").build();
    }

    private PrintBatch find(UUID id) {
        PrintBatch b = batches.findById(id);
        if (b == null) {
            throw new ProblemException(404, "not-found", "Not Found", "no such batch");
        }
        return b;
    }

    private static PrintBatch.State state(String s) {
        try {
            return PrintBatch.State.valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "unknown-state", "Unknown state", "states: CLOSED, PRINTED, ENVELOPED, FRANKED, HANDED_OVER, FAILED");
        }
    }
}
