package dk.brevrute.ledger.booking;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dk.brevrute.events.Channel;
import dk.brevrute.kit.api.ProblemException;
import dk.brevrute.kit.audit.Audit;
import dk.brevrute.ledger.ledger.EntryView;
import dk.brevrute.ledger.ledger.Ledger;
import dk.brevrute.ledger.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/bookings")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.FINANCE)
class BookingResource {

    /** A booking as delivered, with the pricing inputs the ledger used. */
    public record BookingView(Channel channel, String department, String costCentre, java.time.Instant deliveredAt, int sheets,
            String postageClass, String zone, java.math.BigDecimal postage, java.math.BigDecimal materialCost,
            java.math.BigDecimal digitalFee, String tariffId) {
    }

    /** A letter's bookings and every ledger entry about it, oldest first. */
    public record LetterLedger(UUID letterId, List<BookingView> bookings, List<EntryView> entries) {
    }

    private final BookingRepository bookings;
    private final Ledger ledger;
    private final Audit audit;

    BookingResource(BookingRepository bookings, Ledger ledger, Audit audit) {
        this.bookings = bookings;
        this.ledger = ledger;
        this.audit = audit;
    }

    @GET
    @Path("/totals")
    @Operation(summary = "Booked letters and amounts per department and channel")
    public List<BookingTotals> totals() {
        return QuarkusTransaction.requiringNew().call(bookings::totals);
    }

    @GET
    @Path("/{letterId}")
    @Operation(summary = "A letter's bookings and ledger entries (savings, costs, corrections); audited, with X-Purpose if given")
    public LetterLedger letter(@PathParam("letterId") UUID letterId) {
        return audit.readInTransaction(Audit.LETTER, letterId, () -> {
            List<BookingView> booked = bookings.forLetter(letterId).stream()
                    .map(b -> new BookingView(b.channel, b.department, b.costCentre, b.deliveredAt, b.sheets,
                            b.postageClass == null ? null : b.postageClass.name(), b.zone, b.postage, b.materialCost,
                            b.digitalFee, b.tariffId))
                    .toList();
            List<EntryView> entries = ledger.forLetter(letterId);
            if (booked.isEmpty() && entries.isEmpty()) {
                throw new ProblemException(404, "not-found", "Not Found", "nothing is booked for this letter");
            }
            return new LetterLedger(letterId, booked, entries);
        });
    }
}
