package dk.brevrute.ledger.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dk.brevrute.events.Violation;
import dk.brevrute.kit.api.ProblemException;

/**
 * The business case: Table 1 as shipped, the plan per year with what finance entered (actual
 * investment, price index, later plan years, monthly profile), and the view of it all.
 */
@ApplicationScoped
public class BusinessCase {

    private static final Table1 TABLE = Table1.load();
    static final int MIN_YEAR = 2000;
    static final int MAX_YEAR = 2100;

    /** A source line of Table 1 with its cells verbatim. */
    public record SourceLine(String line, String label, Map<Integer, Long> cells) {
    }

    /** Money actually invested in a year. */
    public record Actual(BigDecimal amountDkk, String note, String enteredBy, Instant enteredAt) {
    }

    /** One year of the plan as shown (t.kr.), with the inputs finance entered for it. */
    public record PlanYearView(int year, String basis, String priceLevel, BigDecimal priceIndex,
            BigDecimal fromInvestmentPool, BigDecimal fromDepartments, BigDecimal investmentTotal, BigDecimal gainTotal,
            BigDecimal netReturnDepartments, BigDecimal netReturnPriorityPool, BigDecimal departmentsContribution,
            BigDecimal grossSaving, Actual actualInvestment, BigDecimal actualInvestmentTkr, List<BigDecimal> monthShares) {
    }

    /** Table 1 and the plan. Amounts in thousands of DKK; negative = cost, as in the decision. */
    public record View(String unit, String source, List<String> notes, List<Integer> years, List<SourceLine> sourceCells,
            List<Table1.DerivedCell> derivedCells, List<Table1.DerivedCell> roundingDifferences, List<PlanYearView> plan) {
    }

    private final PlanInputRepositories.ActualInvestments actuals;
    private final PlanInputRepositories.PriceIndices indices;
    private final PlanInputRepositories.PlanYears planYears;
    private final PlanInputRepositories.MonthProfiles profiles;

    BusinessCase(PlanInputRepositories.ActualInvestments actuals, PlanInputRepositories.PriceIndices indices,
            PlanInputRepositories.PlanYears planYears, PlanInputRepositories.MonthProfiles profiles) {
        this.actuals = actuals;
        this.indices = indices;
        this.planYears = planYears;
        this.profiles = profiles;
    }

    public static Table1 table() {
        return TABLE;
    }

    /** The plan with everything finance entered so far. */
    @Transactional
    public Plan plan() {
        Map<Integer, Plan.PlanYear> entered = new HashMap<>();
        for (PlanInputs.PlanYearEntry e : planYears.latestPerYear()) {
            entered.put(e.year, new Plan.PlanYear(e.year, Plan.ENTERED, e.fromInvestmentPool, e.fromDepartments, e.gainTotal));
        }
        Map<Integer, BigDecimal> index = new HashMap<>();
        for (PlanInputs.PriceIndex p : indices.latestPerYear()) {
            index.put(p.year, p.indexValue);
        }
        Map<Integer, List<BigDecimal>> monthProfiles = new HashMap<>();
        for (PlanInputs.MonthProfile m : profiles.latestPerYear()) {
            monthProfiles.put(m.year, Arrays.stream(m.weights.split(";")).map(BigDecimal::new).toList());
        }
        return new Plan(TABLE, entered, index, monthProfiles);
    }

    @Transactional
    public View view(int toYear) {
        Plan plan = plan();
        Map<Integer, Actual> actual = new HashMap<>();
        for (PlanInputs.ActualInvestment a : actuals.latestPerYear()) {
            actual.put(a.year, new Actual(a.amountDkk, a.note, a.enteredBy, a.enteredAt));
        }
        int lastEntered = planYears.latestPerYear().stream().mapToInt(e -> e.year).max().orElse(TABLE.lastYear());
        int last = Math.max(Math.max(toYear, TABLE.lastYear()), lastEntered);
        List<PlanYearView> years = new ArrayList<>();
        for (int y = TABLE.firstYear(); y <= last; y++) {
            Plan.PlanYear p = plan.shown(y);
            Actual a = actual.get(y);
            List<BigDecimal> shares = new ArrayList<>();
            for (int m = 1; m <= 12; m++) {
                shares.add(plan.monthShare(y, m).setScale(6, RoundingMode.HALF_UP));
            }
            years.add(new PlanYearView(y, p.basis(), plan.priceLevel(y), plan.priceIndex(y), tkr(p.fromInvestmentPool()),
                    tkr(p.fromDepartments()), tkr(p.investmentTotal()), tkr(p.gainTotal()), tkr(p.netReturnDepartments()),
                    tkr(p.netReturnPriorityPool()), tkr(p.departmentsContribution()), tkr(p.grossSaving()), a,
                    a == null ? null : tkr(a.amountDkk().negate().divide(BigDecimal.valueOf(1000))), shares));
        }
        List<SourceLine> lines = new ArrayList<>();
        TABLE.lines().forEach((line, cells) -> lines.add(new SourceLine(line, Table1.LABELS.get(line), new LinkedHashMap<>(cells))));
        List<Table1.DerivedCell> derived = TABLE.derived();
        return new View("thousands of DKK (t.kr.), negative = cost", "Table 1 of the 2009 decision \"E-boks til borgerne\"",
                TABLE.notes(), TABLE.years(), lines, derived,
                derived.stream().filter(c -> c.difference().signum() != 0).toList(), years);
    }

    /** Thousands of DKK to the krone, without trailing zeros. */
    static BigDecimal tkr(BigDecimal amount) {
        BigDecimal s = amount.setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    @Transactional
    public void recordActualInvestment(int year, BigDecimal amountDkk, String note, String by) {
        List<Violation> v = new ArrayList<>();
        year(v, year);
        if (amountDkk == null || amountDkk.scale() > 2) {
            v.add(new Violation("INVALID", "amountDkk", "an amount in DKK with at most 2 decimals"));
        }
        fail(v);
        PlanInputs.ActualInvestment a = new PlanInputs.ActualInvestment();
        a.year = year;
        a.amountDkk = amountDkk;
        a.note = note;
        a.enteredBy = by;
        actuals.persist(a);
    }

    @Transactional
    public void setPriceIndex(int year, BigDecimal index, String by) {
        List<Violation> v = new ArrayList<>();
        year(v, year);
        if (index == null || index.signum() <= 0) {
            v.add(new Violation("INVALID", "index", "a positive index (the plan's first year is the base, 100 unless entered)"));
        }
        fail(v);
        PlanInputs.PriceIndex p = new PlanInputs.PriceIndex();
        p.year = year;
        p.indexValue = index;
        p.enteredBy = by;
        indices.persist(p);
    }

    @Transactional
    public void enterPlanYear(int year, BigDecimal fromInvestmentPool, BigDecimal fromDepartments, BigDecimal gainTotal, String by) {
        List<Violation> v = new ArrayList<>();
        year(v, year);
        if (year <= TABLE.lastYear()) {
            v.add(new Violation("INVALID", "year", "Table 1 holds the years up to " + TABLE.lastYear() + "; enter later years"));
        }
        if (fromInvestmentPool == null || fromDepartments == null || gainTotal == null) {
            v.add(new Violation("REQUIRED", "fromInvestmentPool, fromDepartments, gainTotal", "t.kr. at 2009 prices, negative = cost"));
        }
        fail(v);
        PlanInputs.PlanYearEntry e = new PlanInputs.PlanYearEntry();
        e.year = year;
        e.fromInvestmentPool = fromInvestmentPool;
        e.fromDepartments = fromDepartments;
        e.gainTotal = gainTotal;
        e.enteredBy = by;
        planYears.persist(e);
    }

    @Transactional
    public void setMonthProfile(int year, List<BigDecimal> weights, String by) {
        List<Violation> v = new ArrayList<>();
        year(v, year);
        if (weights == null || weights.size() != 12 || weights.stream().anyMatch(w -> w == null || w.signum() < 0)
                || weights.stream().reduce(BigDecimal.ZERO, (a, b) -> b == null ? a : a.add(b)).signum() <= 0) {
            v.add(new Violation("INVALID", "weights", "twelve weights, none negative, not all zero"));
        }
        fail(v);
        PlanInputs.MonthProfile m = new PlanInputs.MonthProfile();
        m.year = year;
        m.weights = String.join(";", weights.stream().map(BigDecimal::toPlainString).toList());
        m.enteredBy = by;
        profiles.persist(m);
    }

    Optional<Actual> actual(int year) {
        return actuals.latestPerYear().stream().filter(a -> a.year == year).findFirst()
                .map(a -> new Actual(a.amountDkk, a.note, a.enteredBy, a.enteredAt));
    }

    private static void year(List<Violation> v, int year) {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            v.add(new Violation("INVALID", "year", "a year from " + MIN_YEAR + " to " + MAX_YEAR));
        }
    }

    private static void fail(List<Violation> v) {
        if (!v.isEmpty()) {
            throw new ProblemException(422, "invalid-plan-input", "Invalid plan input", v.size() + " problem(s)", v);
        }
    }
}
