package dk.brevrute.ledger.tariff;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dk.brevrute.events.Violation;
import dk.brevrute.events.TariffVersionPublished.EnvelopeRate;
import dk.brevrute.events.TariffVersionPublished.PostageRate;
import dk.brevrute.kit.api.ProblemException;
import dk.brevrute.ledger.security.Caller;
import dk.brevrute.ledger.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Tariff versions: finance reads them and adds new ones (who and when is recorded). */
@Path("/api/v1/tariffs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.FINANCE)
public class TariffResource {

    private final Tariffs tariffs;
    private final Caller caller;
    private final Clock clock;

    TariffResource(Tariffs tariffs, Caller caller, Clock clock) {
        this.tariffs = tariffs;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Every tariff version, oldest first")
    public List<Tariff> list() {
        return tariffs.all();
    }

    @GET
    @Path("/in-force")
    @Operation(summary = "The version in force on a day (default today)")
    public Tariff inForce(@QueryParam("date") LocalDate date) {
        LocalDate day = date != null ? date : LocalDate.now(clock);
        return tariffs.inForce(day).orElseThrow(() -> new ProblemException(404, "no-tariff", "No tariff",
                "no tariff version is in force on " + day));
    }

    @GET
    @Path("/{tariffId}")
    @Operation(summary = "One tariff version")
    public Tariff get(@PathParam("tariffId") String tariffId) {
        return tariffs.byId(tariffId).orElseThrow(() -> new ProblemException(404, "not-found", "Not Found", "no such tariff version"));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a tariff version. A back-dated one re-prices the digital letters from its date with correction entries")
    @APIResponse(responseCode = "201", description = "Added and published on tariffs.published.v1")
    @APIResponse(responseCode = "200", description = "The same version again: nothing changed")
    @APIResponse(responseCode = "409", description = "The id exists with other prices, or another version starts that day")
    @APIResponse(responseCode = "422", description = "Invalid version: every violation with its field")
    public Response add(TariffRequest request) {
        if (request == null) {
            throw new ProblemException(400, "malformed-request", "Malformed request", "a JSON body is required");
        }
        Tariff t = validate(request, caller.name());
        Tariffs.Added added = tariffs.add(t);
        URI location = URI.create("/api/v1/tariffs/" + added.tariff().tariffId());
        return added.created() ? Response.created(location).entity(added.tariff()).build()
                : Response.ok(added.tariff()).location(location).build();
    }

    static Tariff validate(TariffRequest r, String createdBy) {
        List<Violation> v = new ArrayList<>();
        if (r.effectiveFrom() == null) {
            v.add(new Violation("REQUIRED", "effectiveFrom", "the date the version is in force from"));
        }
        String id = r.tariffId() != null ? r.tariffId() : r.effectiveFrom() == null ? null : r.effectiveFrom().toString();
        if (id != null && !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            v.add(new Violation("INVALID", "tariffId", "letters, digits, '.', '_' and '-', at most 64"));
        }
        amount(v, "paperPerSheet", r.paperPerSheet());
        amount(v, "printPerSheet", r.printPerSheet());
        amount(v, "handlingPerLetter", r.handlingPerLetter());
        amount(v, "digitalPostFee", r.digitalPostFee());
        if (r.sheetWeightGrams() != null && r.sheetWeightGrams() < 1) {
            v.add(new Violation("INVALID", "sheetWeightGrams", "at least 1 gram"));
        }
        List<PostageRate> postage = r.postage() == null ? List.of() : r.postage();
        if (postage.isEmpty()) {
            v.add(new Violation("REQUIRED", "postage", "at least one postage rate"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < postage.size(); i++) {
            PostageRate p = postage.get(i);
            String f = "postage[" + i + "]";
            if (p == null || p.postageClass() == null || p.zone() == null) {
                v.add(new Violation("REQUIRED", f, "postageClass, zone, maxWeightGrams and price"));
                continue;
            }
            if (!Tariff.ZONES.contains(p.zone())) {
                v.add(new Violation("INVALID", f + ".zone", "one of " + Tariff.ZONES));
            }
            if (p.maxWeightGrams() < 1) {
                v.add(new Violation("INVALID", f + ".maxWeightGrams", "at least 1 gram"));
            }
            amount(v, f + ".price", p.price());
            if (!seen.add(p.postageClass() + "/" + p.zone() + "/" + p.maxWeightGrams())) {
                v.add(new Violation("DUPLICATE", f, "the same class, zone and weight twice"));
            }
        }
        List<EnvelopeRate> envelopes = r.envelopes() == null ? List.of() : r.envelopes();
        if (envelopes.isEmpty()) {
            v.add(new Violation("REQUIRED", "envelopes", "at least one envelope"));
        }
        Set<String> sizes = new HashSet<>();
        for (int i = 0; i < envelopes.size(); i++) {
            EnvelopeRate e = envelopes.get(i);
            String f = "envelopes[" + i + "]";
            if (e == null || e.size() == null || e.size().isBlank()) {
                v.add(new Violation("REQUIRED", f, "size, price, weightGrams and maxSheets"));
                continue;
            }
            amount(v, f + ".price", e.price());
            if (e.weightGrams() < 0 || e.maxSheets() < 1) {
                v.add(new Violation("INVALID", f, "weightGrams >= 0 and maxSheets >= 1"));
            }
            if (!sizes.add(e.size())) {
                v.add(new Violation("DUPLICATE", f + ".size", "the same envelope size twice"));
            }
        }
        if (!v.isEmpty()) {
            throw new ProblemException(422, "invalid-tariff", "Invalid tariff version", v.size() + " problem(s) with the version", v);
        }
        return new Tariff(id, r.effectiveFrom(), r.label(), false, postage, envelopes, r.paperPerSheet(), r.printPerSheet(),
                r.handlingPerLetter(), r.digitalPostFee(), r.sheetWeightGrams() == null ? 5 : r.sheetWeightGrams(), createdBy, null);
    }

    private static void amount(List<Violation> v, String field, BigDecimal amount) {
        if (amount == null) {
            v.add(new Violation("REQUIRED", field, "an amount in DKK"));
        } else if (amount.signum() < 0 || amount.scale() > 4) {
            v.add(new Violation("INVALID", field, "an amount in DKK, at least 0, at most 4 decimals"));
        }
    }
}
