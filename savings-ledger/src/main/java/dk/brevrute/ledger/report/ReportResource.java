package dk.brevrute.ledger.report;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dk.brevrute.kit.api.ProblemException;
import dk.brevrute.ledger.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Realised against planned, as JSON for the dashboard and as CSV for spreadsheets and the finance system. */
@Path("/api/v1/reports")
@RolesAllowed(Roles.FINANCE)
public class ReportResource {

    static final List<String> DEPARTMENT_COLUMNS = List.of("period", "department", "code", "name", "digital_letters",
            "print_letters", "letters", "returned_letters", "digital_share_pct", "distribution_key", "realised_gross_saving_dkk",
            "planned_gross_saving_dkk", "realisation_pct", "contribution_dkk", "realised_net_gain_dkk", "planned_net_gain_dkk",
            "distribution_dkk", "print_cost_dkk", "digital_fees_dkk");

    static final List<String> COST_CENTRE_COLUMNS = List.of("period", "department", "cost_centre", "digital_letters",
            "print_letters", "returned_letters", "realised_gross_saving_dkk", "print_cost_dkk", "digital_fees_dkk",
            "distribution_dkk");

    private final Reports reports;
    private final Clock clock;

    ReportResource(Reports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @GET
    @Path("/years")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Realised against planned per year (city-wide), with the 50/50 distribution")
    public List<Reports.YearRow> years(@QueryParam("from") Integer from, @QueryParam("to") Integer to) {
        int last = to != null ? to : Year.now(clock).getValue();
        return reports.years(from != null ? from : BusinessCaseYears.FIRST, last);
    }

    @GET
    @Path("/months")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Each month of a year: letters by channel, digital share, realised and planned, per department too")
    public List<Reports.MonthRow> months(@QueryParam("year") Integer year) {
        return reports.months(year(year));
    }

    @GET
    @Path("/departments")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Per department for a year or a month of it: letters, digital share, realised and planned gain, realisation, distribution")
    public Reports.PeriodReport departments(@QueryParam("year") Integer year, @QueryParam("month") Integer month) {
        return reports.period(year(year), month);
    }

    @GET
    @Path("/departments.csv")
    @Produces(Csv.MEDIA_TYPE)
    @Operation(summary = "The department report as CSV (';', decimal comma, UTF-8 with BOM)")
    public Response departmentsCsv(@QueryParam("year") Integer year, @QueryParam("month") Integer month) {
        Reports.PeriodReport r = reports.period(year(year), month);
        Csv csv = new Csv().row(DEPARTMENT_COLUMNS);
        for (Reports.DepartmentRow d : r.departments()) {
            csv.row(cells(r.period(), d.department(), d.code(), d.name(), d.digitalLetters(), d.printLetters(), d.letters(),
                    d.returnedLetters(), d.digitalSharePct(), d.distributionKey(), d.realisedGrossSaving(), d.plannedGrossSaving(),
                    d.realisationPct(), d.contribution(), d.realisedNetGain(), d.plannedNetGain(), d.distribution(), d.printCost(),
                    d.digitalFees()));
        }
        Reports.Totals t = r.totals();
        csv.row(cells(r.period(), "TOTAL", "", "", t.digitalLetters(), t.printLetters(), t.letters(), t.returnedLetters(),
                t.digitalSharePct(), null, t.realisedGrossSaving(), t.plannedGrossSaving(), t.realisationPct(), t.contribution(),
                t.realisedNetGain(), t.plannedNetGain(), r.distribution().toDepartments(), t.printCost(), t.digitalFees()));
        csv.row(cells(r.period(), "PRIORITY_POOL", "", "", null, null, null, null, null, null, null, null, null, null, null, null,
                r.distribution().toPriorityPool(), null, null));
        return attachment(csv, "savings-departments-" + r.period() + ".csv");
    }

    @GET
    @Path("/cost-centres")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Per cost centre for a year or a month: letters, amounts and its part of its department's distribution")
    public List<Reports.CostCentreRow> costCentres(@QueryParam("year") Integer year, @QueryParam("month") Integer month) {
        return reports.costCentres(year(year), month);
    }

    @GET
    @Path("/cost-centres.csv")
    @Produces(Csv.MEDIA_TYPE)
    @Operation(summary = "The cost-centre export for the finance system as CSV (';', decimal comma, UTF-8 with BOM)")
    public Response costCentresCsv(@QueryParam("year") Integer year, @QueryParam("month") Integer month) {
        List<Reports.CostCentreRow> rows = reports.costCentres(year(year), month);
        Csv csv = new Csv().row(COST_CENTRE_COLUMNS);
        for (Reports.CostCentreRow c : rows) {
            csv.row(cells(c.period(), c.department(), c.costCentre(), c.digitalLetters(), c.printLetters(), c.returnedLetters(),
                    c.realisedGrossSaving(), c.printCost(), c.digitalFees(), c.distribution()));
        }
        String period = month == null ? Integer.toString(year) : year + "-" + String.format("%02d", month);
        return attachment(csv, "savings-cost-centres-" + period + ".csv");
    }

    private int year(Integer year) {
        if (year == null) {
            throw new ProblemException(400, "year-required", "Year required", "give the year, e.g. ?year=2026");
        }
        return year;
    }

    private static List<Object> cells(Object... values) {
        List<Object> list = new ArrayList<>(values.length);
        for (Object v : values) {
            list.add(v);
        }
        return list;
    }

    private static Response attachment(Csv csv, String filename) {
        return Response.ok(csv.toString().getBytes(StandardCharsets.UTF_8), Csv.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }

    /** The plan's first year. */
    static final class BusinessCaseYears {
        static final int FIRST = dk.brevrute.ledger.plan.BusinessCase.table().firstYear();
    }
}
