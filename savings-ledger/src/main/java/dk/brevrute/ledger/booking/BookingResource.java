package dk.brevrute.ledger.booking;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/bookings")
@Produces(MediaType.APPLICATION_JSON)
class BookingResource {

    private final BookingRepository bookings;

    BookingResource(BookingRepository bookings) {
        this.bookings = bookings;
    }

    @GET
    @Path("/totals")
    @Operation(summary = "Booked letters and amounts per department and channel")
    public List<BookingTotals> totals() {
        return bookings.totals();
    }
}
