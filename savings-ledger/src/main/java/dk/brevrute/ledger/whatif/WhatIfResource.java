package dk.brevrute.ledger.whatif;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dk.brevrute.events.PostageClass;
import dk.brevrute.events.Violation;
import dk.brevrute.kit.api.ProblemException;
import dk.brevrute.ledger.config.LedgerConfig;
import dk.brevrute.ledger.plan.BusinessCase;
import dk.brevrute.ledger.security.Roles;
import dk.brevrute.ledger.tariff.Tariff;
import dk.brevrute.ledger.tariff.Tariffs;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/what-if")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.FINANCE)
public class WhatIfResource {

    /** Only the share and the tariff are needed; the rest defaults (config, the plan's years). */
    public record Request(BigDecimal digitalSharePct, String tariffId, Long lettersPerYear, Integer sheets,
            PostageClass postageClass, String zone, Integer fromYear, Integer toYear) {
    }

    private final Tariffs tariffs;
    private final BusinessCase businessCase;
    private final LedgerConfig config;
    private final Clock clock;

    WhatIfResource(Tariffs tariffs, BusinessCase businessCase, LedgerConfig config, Clock clock) {
        this.tariffs = tariffs;
        this.businessCase = businessCase;
        this.config = config;
        this.clock = clock;
    }

    @POST
    @Operation(summary = "Recompute the plan for a digital share (percent) and a tariff version (t.kr.)")
    public WhatIf.Answer ask(Request r) {
        if (r == null) {
            throw new ProblemException(400, "malformed-request", "Malformed request", "a JSON body is required");
        }
        List<Violation> v = new ArrayList<>();
        if (r.digitalSharePct() == null || r.digitalSharePct().signum() < 0 || r.digitalSharePct().compareTo(BigDecimal.valueOf(100)) > 0) {
            v.add(new Violation("INVALID", "digitalSharePct", "a percentage from 0 to 100"));
        }
        Tariff tariff = r.tariffId() == null ? null : tariffs.byId(r.tariffId()).orElse(null);
        if (tariff == null) {
            v.add(new Violation("INVALID", "tariffId", "the id of a tariff version"));
        }
        String zone = r.zone() != null ? r.zone() : config.pricing().defaultZone();
        if (!Tariff.ZONES.contains(zone)) {
            v.add(new Violation("INVALID", "zone", "one of " + Tariff.ZONES));
        }
        int from = r.fromYear() != null ? r.fromYear() : BusinessCase.table().firstYear();
        int to = r.toYear() != null ? r.toYear() : Math.max(BusinessCase.table().lastYear(), Year.now(clock).getValue());
        if (from < 2000 || to > 2100 || to < from) {
            v.add(new Violation("INVALID", "fromYear", "2000 <= fromYear <= toYear <= 2100"));
        }
        long letters = r.lettersPerYear() != null ? r.lettersPerYear() : config.whatIf().lettersPerYear();
        if (letters < 0) {
            v.add(new Violation("INVALID", "lettersPerYear", "not negative"));
        }
        if (!v.isEmpty()) {
            throw new ProblemException(422, "invalid-what-if", "Invalid what-if", v.size() + " problem(s)", v);
        }
        WhatIf.Question q = new WhatIf.Question(r.digitalSharePct(), letters,
                r.sheets() != null ? r.sheets() : config.whatIf().sheets(),
                r.postageClass() != null ? r.postageClass() : config.pricing().defaultPostageClass(), zone, from, to);
        try {
            return WhatIf.compute(businessCase.plan(), tariff, q);
        } catch (Tariff.Unpriceable e) {
            throw new ProblemException(422, "unpriceable", "Tariff cannot price the letter", e.getMessage());
        }
    }
}
