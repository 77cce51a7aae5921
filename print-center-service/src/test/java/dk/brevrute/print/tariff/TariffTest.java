package dk.brevrute.print.tariff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import dk.brevrute.events.PostageClass;
import dk.brevrute.print.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** Postage = rate(class × zone × weight class), weight = sheets × sheet weight + envelope weight. */
class TariffTest {

    final Tariff tariff = new Tariff(Fixtures.tariff("t", LocalDate.of(2026, 1, 1), "13.20"));

    @Test
    void weightClassFromSheetsAndEnvelope() {
        assertEquals(5 * 3 + 5, tariff.weight(3, "C5"));
        assertEquals(new BigDecimal("13.20"), tariff.postage(PostageClass.B, "DK", 100).orElseThrow());
        assertEquals(new BigDecimal("26.40"), tariff.postage(PostageClass.B, "DK", 101).orElseThrow());
        assertTrue(tariff.postage(PostageClass.B, "DK", 251).isEmpty());
        assertEquals(new BigDecimal("50.00"), tariff.postage(PostageClass.B, "EUROPE", 20).orElseThrow(), "no B abroad: priced as A");
    }

    @Test
    void aLetterAlonePaysItsEnvelope() {
        Tariff.EnvelopeCost c = tariff.price(PostageClass.B, "DK", "C5", 2, List.of(new Tariff.LetterSheets(1, true))).orElseThrow();
        assertEquals(15, c.weightGrams());
        assertEquals(new BigDecimal("13.20"), c.postage());
        // envelope 0.42 + handling 0.71 + 2 sheets × (0.08 + 0.35)
        assertEquals(new BigDecimal("1.99"), c.materialCost());
        assertEquals(new BigDecimal("1.99"), c.letters().get(0).materialCost());
        assertEquals(2, c.letters().get(0).sheets());
        assertEquals(0, c.letters().get(0).saving().signum());
    }

    @Test
    void consolidatedLettersShareAndRecordTheirSaving() {
        List<Tariff.LetterSheets> three = List.of(new Tariff.LetterSheets(1, true), new Tariff.LetterSheets(1, true),
                new Tariff.LetterSheets(1, true));
        Tariff.EnvelopeCost c = tariff.price(PostageClass.B, "DK", "C5", 4, three).orElseThrow();
        assertEquals(new BigDecimal("13.20"), c.postage());
        BigDecimal postage = c.letters().stream().map(Tariff.LetterCost::postage).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(c.postage(), postage, "shares add up to the envelope's postage");
        assertEquals(new BigDecimal("4.40"), c.letters().get(0).postage());
        BigDecimal material = c.letters().stream().map(Tariff.LetterCost::materialCost).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(c.materialCost(), material);
        // alone: 13.20 + 1.99 = 15.19; shared: 4.40 + (0.42 + 0.71 + 0.43) / 3 + 0.43 = 5.35
        assertEquals(new BigDecimal("9.84"), c.letters().get(1).saving());
        assertEquals(4, c.letters().stream().mapToInt(Tariff.LetterCost::sheets).sum());
    }

    @Test
    void splitKeepsEveryOere() {
        assertEquals(List.of(new BigDecimal("3.34"), new BigDecimal("3.33"), new BigDecimal("3.33")), Tariff.split(new BigDecimal("10"), 3));
    }
}
