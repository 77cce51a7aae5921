package dk.brevrute.ledger.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dk.brevrute.events.Department;
import dk.brevrute.kit.api.ProblemException;
import dk.brevrute.ledger.config.Departments;
import dk.brevrute.ledger.ledger.Ledger;
import dk.brevrute.ledger.ledger.PeriodTotals;
import dk.brevrute.ledger.plan.BusinessCase;
import dk.brevrute.ledger.plan.Plan;

/**
 * Realised against planned, per department, month and year. Realised amounts are nominal DKK from
 * the ledger; the plan is the city-wide business case (converted with the year's price index when one
 * is entered) times each department's distribution key. Net gain = realised gross saving minus the
 * departments' contribution of the period; it is split 50/50 (see {@link Distribution}).
 */
@ApplicationScoped
public class Reports {

    /** One department in one period. Amounts DKK; shares and realisation in percent; key 0..1. */
    public record DepartmentRow(String department, String code, String name, long digitalLetters, long printLetters,
            long letters, long returnedLetters, BigDecimal digitalSharePct, BigDecimal distributionKey,
            BigDecimal realisedGrossSaving, BigDecimal plannedGrossSaving, BigDecimal realisationPct,
            BigDecimal contribution, BigDecimal realisedNetGain, BigDecimal plannedNetGain, BigDecimal distribution,
            BigDecimal printCost, BigDecimal digitalFees) {
    }

    /** The whole city in one period. */
    public record Totals(long digitalLetters, long printLetters, long letters, long returnedLetters,
            BigDecimal digitalSharePct, BigDecimal realisedGrossSaving, BigDecimal plannedGrossSaving,
            BigDecimal realisationPct, BigDecimal contribution, BigDecimal realisedNetGain, BigDecimal plannedNetGain,
            BigDecimal printCost, BigDecimal digitalFees) {
    }

    public record DistributionView(BigDecimal netGain, BigDecimal distributable, BigDecimal shortfall,
            BigDecimal toDepartments, BigDecimal toPriorityPool) {
    }

    /** A month or a year, per department. */
    public record PeriodReport(String period, int year, Integer month, String planBasis, String priceLevel,
            List<DepartmentRow> departments, Totals totals, DistributionView distribution) {
    }

    public record YearRow(int year, String planBasis, String priceLevel, Totals totals, DistributionView distribution) {
    }

    public record DepartmentShare(String department, long digitalLetters, long printLetters, BigDecimal digitalSharePct) {
    }

    public record MonthRow(String month, Totals totals, List<DepartmentShare> departments) {
    }

    /** One cost centre of a department in a period, with its part of the department's distribution. */
    public record CostCentreRow(String period, String department, String costCentre, long digitalLetters, long printLetters,
            long returnedLetters, BigDecimal realisedGrossSaving, BigDecimal printCost, BigDecimal digitalFees,
            BigDecimal distribution) {
    }

    private final Ledger ledger;
    private final BusinessCase businessCase;
    private final Departments departments;

    Reports(Ledger ledger, BusinessCase businessCase, Departments departments) {
        this.ledger = ledger;
        this.businessCase = businessCase;
        this.departments = departments;
    }

    /** Per department for a year, or one month of it. */
    @Transactional
    public PeriodReport period(int year, Integer month) {
        check(year, month);
        YearMonth from = YearMonth.of(year, month == null ? 1 : month);
        YearMonth to = YearMonth.of(year, month == null ? 12 : month);
        return period(businessCase.plan(), year, month, sum(ledger.totalsByDepartment(from, to)));
    }

    @Transactional
    public List<YearRow> years(int from, int to) {
        check(from, null);
        check(to, null);
        if (to < from || to - from > 200) {
            throw new ProblemException(400, "invalid-range", "Invalid range", "from <= to, at most 200 years");
        }
        Plan plan = businessCase.plan();
        List<PeriodTotals> all = ledger.totalsByDepartment(YearMonth.of(from, 1), YearMonth.of(to, 12));
        List<YearRow> rows = new ArrayList<>();
        for (int y = from; y <= to; y++) {
            int year = y;
            PeriodReport r = period(plan, y, null, sum(all.stream().filter(t -> t.period().getYear() == year).toList()));
            rows.add(new YearRow(y, r.planBasis(), r.priceLevel(), r.totals(), r.distribution()));
        }
        return rows;
    }

    @Transactional
    public List<MonthRow> months(int year) {
        check(year, null);
        Plan plan = businessCase.plan();
        List<PeriodTotals> all = ledger.totalsByDepartment(YearMonth.of(year, 1), YearMonth.of(year, 12));
        List<MonthRow> rows = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            int month = m;
            PeriodReport r = period(plan, year, m, sum(all.stream().filter(t -> t.period().getMonthValue() == month).toList()));
            rows.add(new MonthRow(YearMonth.of(year, m).toString(), r.totals(), r.departments().stream()
                    .map(d -> new DepartmentShare(d.department(), d.digitalLetters(), d.printLetters(), d.digitalSharePct()))
                    .toList()));
        }
        return rows;
    }

    /** Per cost centre: the finance system's export. */
    @Transactional
    public List<CostCentreRow> costCentres(int year, Integer month) {
        PeriodReport report = period(year, month);
        YearMonth from = YearMonth.of(year, month == null ? 1 : month);
        YearMonth to = YearMonth.of(year, month == null ? 12 : month);
        Map<String, Map<String, Sum>> byDepartment = new LinkedHashMap<>();
        for (PeriodTotals t : ledger.totalsByCostCentre(from, to)) {
            String cc = t.costCentre() == null ? "" : t.costCentre();
            byDepartment.computeIfAbsent(t.department(), d -> new LinkedHashMap<>()).computeIfAbsent(cc, c -> new Sum()).add(t);
        }
        List<CostCentreRow> rows = new ArrayList<>();
        for (DepartmentRow d : report.departments()) {
            Map<String, Sum> centres = byDepartment.getOrDefault(d.department(), Map.of());
            Map<String, Long> letters = new LinkedHashMap<>();
            new TreeSet<>(centres.keySet()).forEach(cc -> letters.put(cc, centres.get(cc).letters()));
            // The department's share goes to its cost centres by their letters, to the øre.
            List<Distribution.Share> split = Distribution.apportion(d.distribution(), letters);
            for (String cc : letters.keySet()) {
                Sum s = centres.get(cc);
                rows.add(new CostCentreRow(report.period(), d.department(), cc, s.digital, s.print, s.returned, money(s.saving),
                        money(s.printCost), money(s.digitalFee),
                        split.stream().filter(x -> x.department().equals(cc)).findFirst().orElseThrow().amount()));
            }
        }
        return rows;
    }

    private PeriodReport period(Plan plan, int year, Integer month, Map<String, Sum> byDepartment) {
        Plan.PlanYear planYear = plan.shown(year);
        BigDecimal share = month == null ? BigDecimal.ONE : plan.monthShare(year, month);
        BigDecimal plannedGross = Plan.dkk(planYear.grossSaving().multiply(share));
        BigDecimal contribution = Plan.dkk(planYear.departmentsContribution().multiply(share));
        BigDecimal plannedNet = Plan.dkk(planYear.gainTotal().multiply(share));

        Map<String, Sum> rows = new LinkedHashMap<>();
        for (Department d : departments.all()) {
            rows.put(d.id(), byDepartment.getOrDefault(d.id(), new Sum()));
        }
        new TreeSet<>(byDepartment.keySet()).forEach(id -> rows.putIfAbsent(id, byDepartment.get(id)));

        Sum all = new Sum();
        rows.values().forEach(all::add);
        BigDecimal realised = money(all.saving);
        BigDecimal realisedNet = realised.subtract(contribution);
        Map<String, Long> letters = new LinkedHashMap<>();
        rows.forEach((id, s) -> letters.put(id, s.letters()));
        Distribution.Result split = Distribution.of(realisedNet, letters);

        List<DepartmentRow> result = new ArrayList<>();
        for (Map.Entry<String, Sum> e : rows.entrySet()) {
            Sum s = e.getValue();
            Distribution.Share sh = split.of(e.getKey());
            BigDecimal key = sh.key();
            BigDecimal dRealised = money(s.saving);
            BigDecimal dPlanned = money(plannedGross.multiply(key));
            BigDecimal dContribution = money(contribution.multiply(key));
            Department dept = departments.byId(e.getKey()).orElse(null);
            result.add(new DepartmentRow(e.getKey(), dept == null ? e.getKey() : dept.code(), dept == null ? e.getKey() : dept.name(),
                    s.digital, s.print, s.letters(), s.returned, share(s), key, dRealised, dPlanned,
                    Distribution.percent(dRealised, dPlanned), dContribution, dRealised.subtract(dContribution),
                    money(plannedNet.multiply(key)), sh.amount(), money(s.printCost), money(s.digitalFee)));
        }
        Totals totals = new Totals(all.digital, all.print, all.letters(), all.returned, share(all), realised, plannedGross,
                Distribution.percent(realised, plannedGross), contribution, realisedNet, plannedNet, money(all.printCost),
                money(all.digitalFee));
        String period = month == null ? Integer.toString(year) : YearMonth.of(year, month).toString();
        return new PeriodReport(period, year, month, planYear.basis(), plan.priceLevel(year), result, totals,
                new DistributionView(split.netGain(), split.distributable(), split.shortfall(), split.toDepartments(),
                        split.toPriorityPool()));
    }

    private static Map<String, Sum> sum(List<PeriodTotals> totals) {
        Map<String, Sum> byDepartment = new LinkedHashMap<>();
        totals.forEach(t -> byDepartment.computeIfAbsent(t.department(), d -> new Sum()).add(t));
        return byDepartment;
    }

    private static BigDecimal share(Sum s) {
        return Distribution.percent(BigDecimal.valueOf(s.digital), BigDecimal.valueOf(s.letters()));
    }

    static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    private static void check(int year, Integer month) {
        if (year < 2000 || year > 2100) {
            throw new ProblemException(400, "invalid-year", "Invalid year", "a year from 2000 to 2100");
        }
        if (month != null && (month < 1 || month > 12)) {
            throw new ProblemException(400, "invalid-month", "Invalid month", "a month from 1 to 12");
        }
    }

    /** Running sums of entries. */
    static final class Sum {
        long digital;
        long print;
        long returned;
        BigDecimal saving = BigDecimal.ZERO;
        BigDecimal printCost = BigDecimal.ZERO;
        BigDecimal digitalFee = BigDecimal.ZERO;

        void add(PeriodTotals t) {
            digital += t.digitalLetters();
            print += t.printLetters();
            returned += t.returnedLetters();
            saving = saving.add(t.saving());
            printCost = printCost.add(t.printCost());
            digitalFee = digitalFee.add(t.digitalFee());
        }

        void add(Sum s) {
            digital += s.digital;
            print += s.print;
            returned += s.returned;
            saving = saving.add(s.saving);
            printCost = printCost.add(s.printCost);
            digitalFee = digitalFee.add(s.digitalFee);
        }

        long letters() {
            return digital + print;
        }
    }
}
