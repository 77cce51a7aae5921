package dk.brevrute.ledger.plan;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Year;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dk.brevrute.kit.api.ProblemException;
import dk.brevrute.ledger.security.Caller;
import dk.brevrute.ledger.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Table 1 of the decision and the plan; finance enters what the plan needs. Amounts in t.kr. unless named DKK. */
@Path("/api/v1/business-case")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.FINANCE)
public class BusinessCaseResource {

    public record ActualInvestmentRequest(Integer year, BigDecimal amountDkk, String note) {
    }

    public record PriceIndexRequest(Integer year, BigDecimal index) {
    }

    public record PlanYearRequest(Integer year, BigDecimal fromInvestmentPool, BigDecimal fromDepartments, BigDecimal gainTotal) {
    }

    public record MonthProfileRequest(Integer year, List<BigDecimal> weights) {
    }

    private final BusinessCase businessCase;
    private final Caller caller;
    private final Clock clock;

    BusinessCaseResource(BusinessCase businessCase, Caller caller, Clock clock) {
        this.businessCase = businessCase;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Table 1 verbatim, every derived cell beside its source cell, and the plan per year up to 'to' (default this year)")
    public BusinessCase.View get(@QueryParam("to") Integer to) {
        return businessCase.view(to != null ? to : Year.now(clock).getValue());
    }

    @POST
    @Path("/actual-investments")
    @Operation(summary = "Record what was actually invested in a year (DKK, positive = spent); the latest entry counts")
    public Response actualInvestment(ActualInvestmentRequest r) {
        require(r, r == null ? null : r.year());
        businessCase.recordActualInvestment(r.year(), r.amountDkk(), r.note(), caller.name());
        return Response.noContent().build();
    }

    @POST
    @Path("/price-indices")
    @Operation(summary = "Set a year's price index (2009 = 100 unless entered); the plan of that year is then shown at its prices")
    public Response priceIndex(PriceIndexRequest r) {
        require(r, r == null ? null : r.year());
        businessCase.setPriceIndex(r.year(), r.index(), caller.name());
        return Response.noContent().build();
    }

    @POST
    @Path("/plan-years")
    @Operation(summary = "Enter a plan year after 2018 (t.kr. at 2009 prices, negative = cost); later years continue at its level")
    public Response planYear(PlanYearRequest r) {
        require(r, r == null ? null : r.year());
        businessCase.enterPlanYear(r.year(), r.fromInvestmentPool(), r.fromDepartments(), r.gainTotal(), caller.name());
        return Response.noContent().build();
    }

    @POST
    @Path("/monthly-profiles")
    @Operation(summary = "Spread a year's plan over its months by twelve weights (default: a twelfth each)")
    public Response monthProfile(MonthProfileRequest r) {
        require(r, r == null ? null : r.year());
        businessCase.setMonthProfile(r.year(), r.weights(), caller.name());
        return Response.noContent().build();
    }

    private static void require(Object body, Integer year) {
        if (body == null || year == null) {
            throw new ProblemException(400, "malformed-request", "Malformed request", "a JSON body with a year is required");
        }
    }
}
