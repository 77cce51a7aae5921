package dk.brevrute.print.batch;

import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dk.brevrute.kit.api.ProblemException;
import dk.brevrute.kit.audit.Audit;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Letters as the print centre knows them, and returned mail (role {@code operator}). */
@Path("/api/v1/letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("operator")
public class PrintLetterResource {

    private final PrintLetterRepository letters;
    private final EnvelopeRepository envelopes;
    private final ReturnedMail returnedMail;
    private final Operator operator;
    private final Audit audit;

    PrintLetterResource(PrintLetterRepository letters, EnvelopeRepository envelopes, ReturnedMail returnedMail, Operator operator,
            Audit audit) {
        this.letters = letters;
        this.envelopes = envelopes;
        this.returnedMail = returnedMail;
        this.operator = operator;
        this.audit = audit;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A letter's print status: batch, envelope, costs (audited, with the X-Purpose header if given)")
    public BatchViews.Letter get(@PathParam("id") UUID id) {
        return audit.readInTransaction(Audit.LETTER, id, () -> view(letters.findByIdOptional(id)
                .orElseThrow(() -> new ProblemException(404, "not-found", "Not Found", "no such letter"))));
    }

    @POST
    @Path("/{id}/returns")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a letter the postal operator returned, with a reason code: ADDRESSEE_UNKNOWN, MOVED, "
            + "INSUFFICIENT_ADDRESS, REFUSED, NOT_COLLECTED, DECEASED, DAMAGED, OTHER")
    @APIResponse(responseCode = "201", description = "Registered; the sender sees it in the letter's timeline")
    @APIResponse(responseCode = "409", description = "Not handed over, or already registered as returned")
    public Response returned(@PathParam("id") UUID id, BatchViews.Return body) {
        if (body == null || body.reason() == null) {
            throw new ProblemException(400, "malformed-request", "Malformed request", "give a reason code");
        }
        ReturnedMail.Reason reason;
        try {
            reason = ReturnedMail.Reason.valueOf(body.reason().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(422, "unknown-reason", "Unknown reason",
                    "reason codes: ADDRESSEE_UNKNOWN, MOVED, INSUFFICIENT_ADDRESS, REFUSED, NOT_COLLECTED, DECEASED, DAMAGED, OTHER");
        }
        String who = operator.name();
        BatchViews.Letter view = QuarkusTransaction.requiringNew().call(() -> view(returnedMail.register(id, reason, who)));
        return Response.status(201).entity(view).build();
    }

    private BatchViews.Letter view(PrintLetter l) {
        Integer seq = l.envelopeId == null ? null : envelopes.findByIdOptional(l.envelopeId).map(e -> e.seq).orElse(null);
        return new BatchViews.Letter(l.letterId, l.department, l.status.name(), l.batchId != null ? l.batchId : l.leftBatchId, seq,
                l.addressSource == null ? null : l.addressSource.name(), l.zone, l.letterSheets, l.postage, l.materialCost,
                l.consolidationSaving, l.tariffId, l.failureReason, l.deliveredAt, l.returnedAt, l.returnReason, l.returnedBy);
    }
}
