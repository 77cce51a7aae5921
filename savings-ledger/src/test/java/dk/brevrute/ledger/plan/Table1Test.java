package dk.brevrute.ledger.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Table 1 as shipped: the reference file verbatim, and every derived cell against its source cell. */
class Table1Test {

    static final Table1 TABLE = Table1.load();

    /**
     * Every derived cell where the source's rounding to whole t.kr. shows, with the value computed from
     * its parts. Every other derived cell must equal its source cell exactly.
     */
    static final Map<String, String> ROUNDING = new LinkedHashMap<>();

    static {
        ROUNDING.put("investment_total 2011", "-2694"); // -311 + -2383; source -2693
        ROUNDING.put("gain_total 2012", "4528"); // 2264 + 2264; source 4527
        ROUNDING.put("net_return_departments 2012", "2263.5"); // 4527 / 2; source 2264
        ROUNDING.put("net_return_priority_pool 2012", "2263.5");
        for (int y = 2013; y <= 2018; y++) {
            ROUNDING.put("gain_total " + y, "6126"); // 3063 + 3063; source 6127
            ROUNDING.put("net_return_departments " + y, "3063.5"); // 6127 / 2; source 3063
            ROUNDING.put("net_return_priority_pool " + y, "3063.5");
        }
    }

    @Test
    void shippedTableIsTheReferenceFileByteForByte() throws IOException {
        Path root = Path.of(System.getProperty("brevrute.project.root", "."));
        Path reference = root.resolve("../shared/domain/business-case-2009.csv").normalize();
        // The reference lives beside the repository (../shared); a clone without it still checks every cell below.
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(reference), "no reference Table 1 at " + reference);
        try (InputStream shipped = Table1.class.getClassLoader().getResourceAsStream(Table1.RESOURCE)) {
            assertArrayEquals(Files.readAllBytes(reference), shipped.readAllBytes());
        }
    }

    @Test
    void sourceCellsAreReadVerbatim() {
        assertEquals(List.of(2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018), TABLE.years());
        assertEquals(7, TABLE.lines().size());
        assertEquals(-5539, TABLE.cell(Table1.INVESTMENT_TOTAL, 2009));
        assertEquals(-2693, TABLE.cell(Table1.INVESTMENT_TOTAL, 2011));
        assertEquals(-2929, TABLE.cell(Table1.FROM_INVESTMENT_POOL, 2009));
        assertEquals(-2383, TABLE.cell(Table1.FROM_DEPARTMENTS, 2011));
        assertEquals(4527, TABLE.cell(Table1.GAIN_TOTAL, 2012));
        assertEquals(3063, TABLE.cell(Table1.NET_RETURN_PRIORITY_POOL, 2018));
        assertEquals(1078, TABLE.cell(Table1.TECHNICAL_GAIN, 2010));
        assertTrue(TABLE.notes().stream().anyMatch(n -> n.contains("2009 price level")), "the file's notes are kept");
    }

    @Test
    void everyDerivedCellEqualsItsSourceCellOrDiffersByTheListedRounding() {
        List<Table1.DerivedCell> derived = TABLE.derived();
        assertEquals(4 * 10, derived.size(), "investment total, gain total and both halves, for each of the ten years");
        int rounded = 0;
        for (Table1.DerivedCell c : derived) {
            String key = c.line() + " " + c.year();
            String expected = ROUNDING.get(key);
            if (expected == null) {
                assertEquals(0, c.difference().signum(), key + ": computed " + c.computed() + " vs source " + c.source());
                assertEquals(0, c.computed().compareTo(BigDecimal.valueOf(c.source())), key);
            } else {
                rounded++;
                assertEquals(0, new BigDecimal(expected).compareTo(c.computed()), key + " computed " + c.computed());
                assertEquals(0, c.computed().subtract(BigDecimal.valueOf(c.source())).compareTo(c.difference()), key);
                assertTrue(c.difference().signum() != 0 && c.withinSourceRounding(), key + " differs by " + c.difference());
            }
        }
        assertEquals(ROUNDING.size(), rounded, "every listed rounding difference is a derived cell");
    }

    @Test
    void grossSavingPerYearIsTheDepartmentsContributionPlusTheGain() {
        Map<Integer, Long> expected = Map.of(2009, 2610L, 2010, 3141L, 2011, 6041L, 2012, 6762L);
        for (int y : TABLE.years()) {
            assertEquals(expected.getOrDefault(y, 7691L), TABLE.grossSaving(y), "gross saving " + y);
        }
    }

    @Test
    void planContinuesAtTheLevelOfTheLatestYearUnlessFinanceEntersMore() {
        Plan plan = new Plan(TABLE, Map.of(2021, new Plan.PlanYear(2021, Plan.ENTERED, new BigDecimal("-100"),
                new BigDecimal("-1000"), new BigDecimal("5000"))), Map.of(), Map.of());
        Plan.PlanYear y2019 = plan.at2009Prices(2019);
        assertEquals("continued-from-2018", y2019.basis());
        assertEquals(0, y2019.grossSaving().compareTo(BigDecimal.valueOf(7691)));
        assertEquals(0, y2019.departmentsContribution().compareTo(BigDecimal.valueOf(1564)));
        assertEquals(0, y2019.gainTotal().compareTo(BigDecimal.valueOf(6127)));
        assertEquals(Plan.ENTERED, plan.at2009Prices(2021).basis());
        assertEquals(0, plan.at2009Prices(2021).grossSaving().compareTo(BigDecimal.valueOf(6000)));
        assertEquals("continued-from-2021", plan.at2009Prices(2030).basis());
        assertEquals(0, plan.at2009Prices(2030).grossSaving().compareTo(BigDecimal.valueOf(6000)));
        assertEquals(Plan.TABLE_1, plan.at2009Prices(2012).basis());
        assertEquals(0, plan.at2009Prices(2012).grossSaving().compareTo(BigDecimal.valueOf(6762)));
        assertEquals(0, plan.at2009Prices(2008).grossSaving().signum(), "no plan before 2009");
    }

    @Test
    void priceIndexConvertsThePlanAndSaysWhichLevelIsShown() {
        Plan plan = new Plan(TABLE, Map.of(), Map.of(2020, new BigDecimal("110")), Map.of());
        assertEquals(0, plan.shown(2020).grossSaving().compareTo(new BigDecimal("8460.1")), "7691 x 1.10");
        assertTrue(plan.priceLevel(2020).startsWith("2020 prices"), plan.priceLevel(2020));
        assertEquals(0, plan.shown(2019).grossSaving().compareTo(BigDecimal.valueOf(7691)), "no index: 2009 prices");
        assertTrue(plan.priceLevel(2019).startsWith("2009 prices"), plan.priceLevel(2019));
    }

    @Test
    void aMonthIsATwelfthUnlessAProfileIsEntered() {
        List<BigDecimal> weights = List.of(2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1).stream().map(BigDecimal::valueOf).toList();
        Plan plan = new Plan(TABLE, Map.of(), Map.of(), Map.of(2014, weights));
        assertEquals(0, Plan.dkk(plan.at2009Prices(2013).grossSaving().multiply(plan.monthShare(2013, 5)))
                .compareTo(new BigDecimal("640916.67")), "7,691,000 / 12");
        assertEquals(0, Plan.dkk(plan.at2009Prices(2014).grossSaving().multiply(plan.monthShare(2014, 1)))
                .compareTo(new BigDecimal("1183230.77")), "7,691,000 x 2/13");
    }
}
