package dk.brevrute.simulator.sf1601;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dk.brevrute.simulator.receipt.ReceiptPusher;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Steering and inspection for tests, the local run and the benchmark. Unauthenticated: the
 * simulator is a test double and must never face the internet.
 */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    record OutageRequest(Long seconds) {
    }

    record RecipientsRequest(String status, List<String> ids) {
    }

    record ReceiptRequest(UUID transactionId, String status, String reason) {
    }

    private final Faults faults;
    private final Registry registry;
    private final Mailbox mailbox;
    private final ReceiptPusher receipts;

    AdminResource(Faults faults, Registry registry, Mailbox mailbox, ReceiptPusher receipts) {
        this.faults = faults;
        this.registry = registry;
        this.mailbox = mailbox;
        this.receipts = receipts;
    }

    @GET
    @Path("/faults")
    @Operation(summary = "Current latency and fault settings")
    public Faults.Settings faults() {
        return faults.settings();
    }

    @PUT
    @Path("/faults")
    @Operation(summary = "Change latency and faults; fields left out keep their value")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response updateFaults(Faults.Settings update) {
        try {
            return Response.ok(faults.update(update)).build();
        } catch (IllegalArgumentException e) {
            return KombiPostAfsendResource.answer(400, Mailbox.error("INVALID_SETTINGS", e.getMessage()));
        }
    }

    @POST
    @Path("/outage")
    @Operation(summary = "Every SF1601 request fails with 503 for the given number of seconds")
    @Consumes(MediaType.APPLICATION_JSON)
    public Faults.Settings outage(OutageRequest request) {
        long seconds = request == null || request.seconds() == null ? 60 : request.seconds();
        faults.outage(Duration.ofSeconds(seconds));
        return faults.settings();
    }

    @DELETE
    @Path("/outage")
    @Operation(summary = "End an outage now")
    public Faults.Settings endOutage() {
        faults.outage(null);
        return faults.settings();
    }

    @POST
    @Path("/recipients")
    @Operation(summary = "Set the Digital Post status (REGISTERED, NOT_REGISTERED, EXEMPT, UNKNOWN) of recipients")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response recipients(RecipientsRequest request) {
        Registry.Status status;
        try {
            status = Registry.Status.valueOf(request.status());
        } catch (RuntimeException e) {
            return KombiPostAfsendResource.answer(400, Mailbox.error("INVALID_STATUS",
                    "status must be REGISTERED, NOT_REGISTERED, EXEMPT or UNKNOWN"));
        }
        registry.set(request.ids() == null ? List.of() : request.ids(), status);
        return Response.noContent().build();
    }

    @GET
    @Path("/counters")
    @Operation(summary = "Totals: POST attempts, transactions, mailbox placements, faults, receipts")
    public Map<String, Object> counters() {
        Mailbox.Totals t = mailbox.totals();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("postAttempts", t.postAttempts());
        m.put("transactions", t.transactions());
        m.put("mailboxPlacements", t.mailboxPlacements());
        m.put("duplicateTransactions", t.duplicateTransactions());
        m.put("invalid", t.invalid());
        m.put("refusedRecipients", t.refusedRecipients());
        m.put("faults", t.faults());
        m.put("letters", t.letters());
        m.put("lettersPlacedMoreThanOnce", t.lettersPlacedMoreThanOnce());
        m.put("receiptsPushed", receipts.pushed());
        m.put("receiptsFailed", receipts.failed());
        return m;
    }

    @GET
    @Path("/letters/{messageUuid}")
    @Operation(summary = "Counters of one letter (by messageUUID)")
    public Response letter(@PathParam("messageUuid") UUID messageUuid) {
        Mailbox.LetterCounts counts = mailbox.counts(messageUuid);
        return counts == null ? KombiPostAfsendResource.answer(404, Mailbox.error("UNKNOWN_LETTER", "no request named this letter"))
                : Response.ok(counts).build();
    }

    @GET
    @Path("/duplicates")
    @Operation(summary = "Letters placed in a mailbox more than once, i.e. under more than one transaction id (a sender defect)")
    public List<Mailbox.LetterCounts> duplicates() {
        return mailbox.placedMoreThanOnce();
    }

    @GET
    @Path("/mailbox")
    @Operation(summary = "Messages placed in mailboxes (recipient type only, never the number)")
    public List<Mailbox.Placement> placements() {
        return mailbox.placements();
    }

    @GET
    @Path("/receipts")
    @Operation(summary = "Receipt settings")
    public ReceiptPusher.Settings receipts() {
        return receipts.settings();
    }

    @PUT
    @Path("/receipts")
    @Operation(summary = "Change the callback URL, delay or read share; fields left out keep their value")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response updateReceipts(ReceiptPusher.Settings update) {
        try {
            return Response.ok(receipts.update(update)).build();
        } catch (IllegalArgumentException e) {
            return KombiPostAfsendResource.answer(400, Mailbox.error("INVALID_SETTINGS", e.getMessage()));
        }
    }

    @POST
    @Path("/receipts")
    @Operation(summary = "Push a status message (received, read, failed) for a transaction now")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response pushReceipt(ReceiptRequest request) {
        if (request == null || request.transactionId() == null || request.status() == null
                || !List.of("received", "read", "failed").contains(request.status())) {
            return KombiPostAfsendResource.answer(400, Mailbox.error("INVALID_RECEIPT",
                    "transactionId and status (received, read, failed) are required"));
        }
        Mailbox.Transaction t = mailbox.transaction(request.transactionId());
        receipts.push(request.transactionId(), t == null ? null : t.messageUuid(), request.status(), request.reason());
        return Response.accepted().build();
    }

    @POST
    @Path("/reset")
    @Operation(summary = "Forget every transaction, counter and mailbox; faults, registry and receipts back to configuration")
    public Response reset() {
        mailbox.reset();
        faults.reset();
        registry.reset();
        receipts.reset();
        return Response.noContent().build();
    }
}
