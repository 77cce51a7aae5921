package dk.brevrute.ledger.tariff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import dk.brevrute.events.PostageClass;
import dk.brevrute.events.TariffVersionPublished.EnvelopeRate;
import dk.brevrute.events.TariffVersionPublished.PostageRate;
import org.junit.jupiter.api.Test;

/** What a paper letter costs under a tariff, worked out by hand. */
class TariffPricingTest {

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    static final Tariff TARIFF = new Tariff("T", LocalDate.of(2026, 1, 1), "test", false,
            List.of(new PostageRate(PostageClass.A, "DK", 100, d("29.00")), new PostageRate(PostageClass.B, "DK", 100, d("13.20")),
                    new PostageRate(PostageClass.B, "DK", 250, d("26.40")), new PostageRate(PostageClass.A, "EUROPE", 100, d("50.00"))),
            List.of(new EnvelopeRate("C5", d("0.42"), 5, 6), new EnvelopeRate("C4", d("0.95"), 12, 25)),
            d("0.08"), d("0.35"), d("0.71"), d("0.68"), 5, "finance", null);

    static void assertAmount(String expected, BigDecimal actual) {
        assertEquals(0, d(expected).compareTo(actual), "expected " + expected + " but was " + actual);
    }

    @Test
    void twoSheetBLetterInDenmark() {
        Tariff.PaperCost c = TARIFF.paperCost(2, PostageClass.B, "DK");
        assertEquals("C5", c.envelope());
        assertEquals(15, c.weightGrams()); // 2 x 5 g + 5 g envelope
        assertAmount("13.20", c.postage());
        assertAmount("1.28", c.material()); // 0.42 + 2 x (0.08 + 0.35)
        assertAmount("15.19", c.total()); // 13.20 + 1.28 + 0.71
        assertAmount("14.51", TARIFF.digitalSaving(2, PostageClass.B, "DK")); // minus the 0.68 fee
    }

    @Test
    void manySheetsTakeTheBigEnvelopeAndTheNextWeightClass() {
        Tariff.PaperCost c = TARIFF.paperCost(20, PostageClass.B, "DK");
        assertEquals("C4", c.envelope());
        assertEquals(112, c.weightGrams()); // 20 x 5 + 12
        assertAmount("26.40", c.postage()); // over 100 g
        assertAmount("9.55", c.material()); // 0.95 + 20 x 0.43
        assertAmount("36.66", c.total());
    }

    @Test
    void noBPostAbroadMeansA() {
        assertAmount("50.00", TARIFF.paperCost(1, PostageClass.B, "EUROPE").postage());
        assertAmount("0.85", TARIFF.paperCost(0, PostageClass.B, "EUROPE").material()); // at least one sheet: 0.42 + 0.43
    }

    @Test
    void whatTheTariffCannotCarryIsUnpriceable() {
        assertThrows(Tariff.Unpriceable.class, () -> TARIFF.paperCost(1, PostageClass.A, "WORLD"));
        assertThrows(Tariff.Unpriceable.class, () -> TARIFF.paperCost(30, PostageClass.B, "DK"));
        assertThrows(Tariff.Unpriceable.class, () -> TARIFF.paperCost(25, PostageClass.A, "DK")); // 137 g, A only to 100 g
    }
}
