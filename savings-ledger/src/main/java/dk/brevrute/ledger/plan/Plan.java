package dk.brevrute.ledger.plan;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The business case as a plan per year, in thousands of DKK: Table 1 for 2009-2018, years finance
 * entered, and after the last known year the level of the latest one before it ("after 2018 the plan
 * continues at the 2018 level"). Amounts are at 2009 prices; with a price index for a year (2009 =
 * its base) they are converted to that year's prices, and each year says which level it shows.
 */
public final class Plan {

    public static final String TABLE_1 = "table-1";
    public static final String ENTERED = "entered";
    public static final String BEFORE_PLAN = "before-plan";

    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final BigDecimal TWELFTH = BigDecimal.ONE.divide(BigDecimal.valueOf(12), MathContext.DECIMAL64);

    /** One year of the plan (t.kr., negative = cost), and what follows from it. */
    public record PlanYear(int year, String basis, BigDecimal fromInvestmentPool, BigDecimal fromDepartments, BigDecimal gainTotal) {

        public BigDecimal investmentTotal() {
            return fromInvestmentPool.add(fromDepartments);
        }

        public BigDecimal netReturnDepartments() {
            return gainTotal.multiply(HALF);
        }

        public BigDecimal netReturnPriorityPool() {
            return gainTotal.multiply(HALF);
        }

        /** What the departments fund out of the year's savings first (positive). */
        public BigDecimal departmentsContribution() {
            return fromDepartments.negate();
        }

        /** The savings the plan needs: the departments' contribution plus the gain. */
        public BigDecimal grossSaving() {
            return departmentsContribution().add(gainTotal);
        }

        PlanYear scaled(BigDecimal factor) {
            return new PlanYear(year, basis, fromInvestmentPool.multiply(factor), fromDepartments.multiply(factor),
                    gainTotal.multiply(factor));
        }
    }

    private final Table1 table;
    private final TreeMap<Integer, PlanYear> entered;
    private final Map<Integer, BigDecimal> priceIndex;
    private final Map<Integer, List<BigDecimal>> monthProfiles;

    public Plan(Table1 table, Map<Integer, PlanYear> entered, Map<Integer, BigDecimal> priceIndex,
            Map<Integer, List<BigDecimal>> monthProfiles) {
        this.table = table;
        this.entered = new TreeMap<>(entered);
        this.priceIndex = Map.copyOf(priceIndex);
        this.monthProfiles = Map.copyOf(monthProfiles);
    }

    public Table1 table() {
        return table;
    }

    /** The plan of a year at 2009 prices. */
    public PlanYear at2009Prices(int year) {
        PlanYear own = entered.get(year);
        if (own != null) {
            return own;
        }
        if (table.years().contains(year)) {
            return new PlanYear(year, TABLE_1, BigDecimal.valueOf(table.cell(Table1.FROM_INVESTMENT_POOL, year)),
                    BigDecimal.valueOf(table.cell(Table1.FROM_DEPARTMENTS, year)),
                    BigDecimal.valueOf(table.cell(Table1.GAIN_TOTAL, year)));
        }
        if (year < table.firstYear()) {
            return new PlanYear(year, BEFORE_PLAN, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
        }
        int last = table.lastYear();
        Integer enteredBefore = entered.lowerKey(year);
        int from = enteredBefore != null && enteredBefore > last ? enteredBefore : last;
        PlanYear level = at2009Prices(from);
        return new PlanYear(year, "continued-from-" + from, level.fromInvestmentPool(), level.fromDepartments(), level.gainTotal());
    }

    /** The plan of a year at the price level {@link #priceLevel(int)} names. */
    public PlanYear shown(int year) {
        return at2009Prices(year).scaled(priceFactor(year));
    }

    /** index(year) / index(2009); 1 when no index is entered for the year. */
    public BigDecimal priceFactor(int year) {
        BigDecimal index = priceIndex.get(year);
        if (index == null) {
            return BigDecimal.ONE;
        }
        BigDecimal base = priceIndex.getOrDefault(table.firstYear(), BigDecimal.valueOf(100));
        return index.divide(base, MathContext.DECIMAL64);
    }

    public String priceLevel(int year) {
        BigDecimal index = priceIndex.get(year);
        return index == null ? table.firstYear() + " prices (no price index for " + year + ")"
                : year + " prices (price index " + index.stripTrailingZeros().toPlainString() + ", " + table.firstYear() + " = "
                        + priceIndex.getOrDefault(table.firstYear(), BigDecimal.valueOf(100)).stripTrailingZeros().toPlainString() + ")";
    }

    public BigDecimal priceIndex(int year) {
        return priceIndex.get(year);
    }

    /** A month's share of its year's plan: the entered profile, else a twelfth. */
    public BigDecimal monthShare(int year, int month) {
        List<BigDecimal> weights = monthProfiles.get(year);
        if (weights == null) {
            return TWELFTH;
        }
        BigDecimal sum = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return weights.get(month - 1).divide(sum, MathContext.DECIMAL64);
    }

    public boolean hasMonthProfile(int year) {
        return monthProfiles.containsKey(year);
    }

    /** Thousands of DKK to DKK, to the øre. */
    public static BigDecimal dkk(BigDecimal tkr) {
        return tkr.multiply(BigDecimal.valueOf(1000)).setScale(2, RoundingMode.HALF_UP);
    }
}
