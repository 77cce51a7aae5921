package dk.brevrute.kit.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dk.brevrute.kit.api.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every service's audit trail, for auditors: who read which letter, document or citizen, when, why
 * and with what outcome, newest first.
 */
@Path("/api/v1/admin/audit")
@RolesAllowed("auditor")
public class AuditResource {

    static final int MAX_SIZE = 500;

    public record Page(int page, int size, boolean more, List<Audit.Entry> records) {
    }

    private final Audit audit;
    private final ZoneId zone;

    AuditResource(Audit audit, @ConfigProperty(name = "brevrute.audit.zone", defaultValue = "Europe/Copenhagen") ZoneId zone) {
        this.audit = audit;
        this.zone = zone;
    }

    /**
     * {@code from} and {@code to} are instants ({@code 2026-03-01T12:00:00Z}) or dates in the audit's
     * time zone ({@code 2026-03-01}: {@code from} that day's start, {@code to} through that day).
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Page list(@QueryParam("kind") String kind, @QueryParam("id") String id, @QueryParam("actor") String actor,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw new ProblemException(400, "invalid-paging", "Invalid paging", "page >= 0 and 1 <= size <= " + MAX_SIZE);
        }
        Instant fromAt = instant(from, false);
        Instant toAt = instant(to, true);
        // One more than asked tells whether there is a next page.
        List<Audit.Entry> found = audit.find(new Audit.Query(blankToNull(kind), blankToNull(id), blankToNull(actor), fromAt, toAt,
                (long) page * size, size + 1));
        boolean more = found.size() > size;
        return new Page(page, size, more, more ? found.subList(0, size) : found);
    }

    private Instant instant(String text, boolean end) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ProblemException(400, "invalid-time", "Invalid time", "from and to are ISO-8601 instants or dates (yyyy-MM-dd)");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
