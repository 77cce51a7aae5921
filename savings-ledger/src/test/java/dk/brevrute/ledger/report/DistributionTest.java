package dk.brevrute.ledger.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The 50/50 split and the distribution key, computed by hand. */
class DistributionTest {

    static void assertAmount(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), "expected " + expected + " but was " + actual);
    }

    /**
     * 2013 as planned: gross saving 7,691 t.kr., departments' contribution 1,564 t.kr., so the net gain
     * is 6,127,000 DKK; half (3,063,500) to the departments, half to the pool. 3,000,000 letters:
     * ØKF 300,000 (10%), KFF 150,000 (5%), BUF 900,000 (30%), SUF 600,000 (20%), SOF 450,000 (15%),
     * TMF 300,000 (10%), BIF 300,000 (10%).
     */
    @Test
    void sampleYear2013ByHand() {
        Map<String, Long> letters = new LinkedHashMap<>();
        letters.put("OKF", 300_000L);
        letters.put("KFF", 150_000L);
        letters.put("BUF", 900_000L);
        letters.put("SUF", 600_000L);
        letters.put("SOF", 450_000L);
        letters.put("TMF", 300_000L);
        letters.put("BIF", 300_000L);
        BigDecimal realisedGross = new BigDecimal("7691000.00");
        BigDecimal contribution = new BigDecimal("1564000.00");

        Distribution.Result r = Distribution.of(realisedGross.subtract(contribution), letters);

        assertAmount("6127000.00", r.netGain());
        assertAmount("3063500.00", r.toDepartments());
        assertAmount("3063500.00", r.toPriorityPool());
        assertAmount("0", r.shortfall());
        assertAmount("0.100000", r.of("OKF").key());
        assertAmount("306350.00", r.of("OKF").amount()); // 3,063,500 x 10%
        assertAmount("153175.00", r.of("KFF").amount()); // x 5%
        assertAmount("919050.00", r.of("BUF").amount()); // x 30%
        assertAmount("612700.00", r.of("SUF").amount()); // x 20%
        assertAmount("459525.00", r.of("SOF").amount()); // x 15%
        assertAmount("306350.00", r.of("TMF").amount());
        assertAmount("306350.00", r.of("BIF").amount());
    }

    /** 100.01 DKK: the departments' half is 50.01 (the odd øre), the pool 50.00; three equal keys 16.67, 16.67, 16.67. */
    @Test
    void oddOreGoToTheLargestRemaindersAndSharesAddUp() {
        Map<String, Long> letters = new LinkedHashMap<>();
        letters.put("A", 1L);
        letters.put("B", 1L);
        letters.put("C", 1L);
        Distribution.Result r = Distribution.of(new BigDecimal("100.01"), letters);
        assertAmount("50.01", r.toDepartments());
        assertAmount("50.00", r.toPriorityPool());
        assertAmount("16.67", r.of("A").amount());
        assertAmount("16.67", r.of("B").amount());
        assertAmount("16.67", r.of("C").amount());

        Distribution.Result r2 = Distribution.of(new BigDecimal("100.00"), letters);
        assertAmount("16.67", r2.of("A").amount()); // 50.00 / 3 = 16.666..: two get 16.67, one 16.66
        assertAmount("16.67", r2.of("B").amount());
        assertAmount("16.66", r2.of("C").amount());
    }

    @Test
    void aShortfallIsShownNotSplit() {
        Distribution.Result r = Distribution.of(new BigDecimal("-250.50"), Map.of("BUF", 10L));
        assertAmount("250.50", r.shortfall());
        assertAmount("0", r.toDepartments());
        assertAmount("0", r.toPriorityPool());
        assertAmount("0", r.of("BUF").amount());
    }

    @Test
    void noLettersNoKey() {
        Distribution.Result r = Distribution.of(new BigDecimal("10.00"), Map.of("BUF", 0L));
        assertAmount("0", r.of("BUF").key());
        assertAmount("0", r.of("BUF").amount());
        assertAmount("5.00", r.toPriorityPool());
    }
}
