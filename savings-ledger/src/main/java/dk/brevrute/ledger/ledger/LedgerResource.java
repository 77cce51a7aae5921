package dk.brevrute.ledger.ledger;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dk.brevrute.kit.api.ProblemException;
import dk.brevrute.ledger.security.Caller;
import dk.brevrute.ledger.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Closing months, and the revision a dashboard polls to know when to reload. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.FINANCE)
public class LedgerResource {

    public record Revision(String revision, String currentMonth) {
    }

    private final Ledger ledger;
    private final Caller caller;

    LedgerResource(Ledger ledger, Caller caller) {
        this.ledger = ledger;
        this.caller = caller;
    }

    @GET
    @Path("/ledger/revision")
    @Operation(summary = "Changes whenever anything a report shows may have changed; cheap to poll")
    public Revision revision() {
        return QuarkusTransaction.requiringNew().call(() -> new Revision(ledger.revision(), ledger.currentMonth().toString()));
    }

    @GET
    @Path("/periods/closed")
    @Operation(summary = "The months finance has closed")
    public List<Ledger.Closed> closed() {
        return QuarkusTransaction.requiringNew().call(ledger::closedMonths);
    }

    @POST
    @Path("/periods/{month}/close")
    @Operation(summary = "Close an ended month (yyyy-MM): it never changes again; later corrections land in the open month")
    public Ledger.Closed close(@PathParam("month") String month) {
        YearMonth m;
        try {
            m = YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new ProblemException(400, "invalid-month", "Invalid month", "a month as yyyy-MM");
        }
        String by = caller.name();
        return QuarkusTransaction.requiringNew().call(() -> ledger.close(m, by));
    }
}
