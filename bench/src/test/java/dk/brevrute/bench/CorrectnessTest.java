package dk.brevrute.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.brevrute.bench.Correctness.Amounts;
import dk.brevrute.bench.Correctness.LetterResult;
import dk.brevrute.bench.Correctness.Simulator;
import dk.brevrute.bench.Correctness.Verdict;
import dk.brevrute.bench.PlannedLetter.Outcome;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The checks pass on a correct run and fail, each for its own reason, on crafted broken ones. */
class CorrectnessTest {

    private static final Simulator CLEAN_SIMULATOR = new Simulator(2, 0, 0);

    private static LetterResult digital(String ref) {
        return new LetterResult(ref, Outcome.DIGITAL, true, false, Map.of("DIGITAL", 1), false, null, 1);
    }

    private static LetterResult paper(String ref) {
        return new LetterResult(ref, Outcome.PRINT, true, false, Map.of("PRINT", 1), false, null, 1);
    }

    private static List<LetterResult> correctRun() {
        return new ArrayList<>(List.of(
                digital("a"), digital("b"), paper("c"),
                new LetterResult("d", Outcome.FAILED_NO_ADDRESS, true, false, Map.of(), true, "NO_ADDRESS", 1),
                new LetterResult("e", Outcome.REJECTED, false, true, Map.of(), false, null, 0)));
    }

    private static Map<String, Amounts> ledger() {
        Map<String, Amounts> m = new TreeMap<>();
        m.put("BUF/DIGITAL", new Amounts(2, BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("3.00")));
        m.put("SOF/PRINT", new Amounts(1, new BigDecimal("12.50"), new BigDecimal("1.25"), BigDecimal.ZERO));
        return m;
    }

    private static Verdict evaluate(List<LetterResult> letters) {
        return Correctness.evaluate(letters, ledger(), ledger(), CLEAN_SIMULATOR, 0);
    }

    private static boolean check(Verdict v, String name) {
        return v.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().passed();
    }

    @Test
    void aCorrectRunPassesEveryCheck() {
        Verdict v = evaluate(correctRun());
        assertTrue(v.passed(), v.checks().toString());
        assertEquals(0, v.lost());
        assertEquals(0, v.deliveredTwice());
        assertTrue(v.ledgerExact());
    }

    @Test
    void aRequestNeverAcceptedIsLost() {
        List<LetterResult> run = correctRun();
        run.add(new LetterResult("f", Outcome.DIGITAL, false, false, Map.of(), false, null, 0));
        Verdict v = evaluate(run);
        assertFalse(v.passed());
        assertEquals(1, v.lost());
        assertFalse(check(v, "nothing lost"));
    }

    @Test
    void anAcceptedLetterThatNeverFinishesIsLost() {
        List<LetterResult> run = correctRun();
        run.add(new LetterResult("f", Outcome.PRINT, true, false, Map.of(), false, null, 1));
        Verdict v = evaluate(run);
        assertEquals(1, v.lost());
        assertFalse(v.passed());
    }

    @Test
    void anInvalidRequestNeitherRejectedNorAcceptedIsLost() {
        List<LetterResult> run = correctRun();
        run.add(new LetterResult("f", Outcome.REJECTED, false, false, Map.of(), false, null, 0));
        assertEquals(1, evaluate(run).lost());
    }

    @Test
    void twoDeliveryEventsWithDistinctIdsAreADoubleDelivery() {
        List<LetterResult> run = correctRun();
        run.set(0, new LetterResult("a", Outcome.DIGITAL, true, false, Map.of("DIGITAL", 2), false, null, 1));
        Verdict v = evaluate(run);
        assertEquals(1, v.deliveredTwice());
        assertFalse(check(v, "nothing delivered twice"));
        assertFalse(v.passed());
    }

    @Test
    void bothChannelsAreADoubleDeliveryUnlessTheLetterWasReRouted() {
        List<LetterResult> run = correctRun();
        run.set(0, new LetterResult("a", Outcome.DIGITAL, true, false, Map.of("DIGITAL", 1, "PRINT", 1), false, null, 1));
        assertEquals(1, evaluate(run).deliveredTwice());

        run.set(0, new LetterResult("a", Outcome.DIGITAL, true, false, Map.of("DIGITAL", 1, "PRINT", 1), false, null, 2));
        Verdict rerouted = evaluate(run);
        assertEquals(0, rerouted.deliveredTwice());
        assertTrue(check(rerouted, "nothing delivered twice"));
        // ... but it did not end as the mix says (digital only), which is reported on its own.
        assertFalse(check(rerouted, "every request ended as the mix says"));
    }

    @Test
    void theSimulatorPlacingALetterTwiceFailsTheRun() {
        Verdict v = Correctness.evaluate(correctRun(), ledger(), ledger(), new Simulator(2, 1, 1), 0);
        assertEquals(2, v.deliveredTwice());
        assertFalse(v.passed());
    }

    @Test
    void moreMailboxPlacementsThanDigitalDeliveriesFail() {
        Verdict v = Correctness.evaluate(correctRun(), ledger(), ledger(), new Simulator(3, 0, 0), 0);
        assertFalse(check(v, "simulator placements = digital deliveries"));
        assertFalse(v.passed());
    }

    @Test
    void aLedgerOneOereOffIsNotExact() {
        Map<String, Amounts> booked = ledger();
        booked.put("SOF/PRINT", new Amounts(1, new BigDecimal("12.51"), new BigDecimal("1.25"), BigDecimal.ZERO));
        Verdict v = Correctness.evaluate(correctRun(), ledger(), booked, CLEAN_SIMULATOR, 0);
        assertFalse(v.ledgerExact());
        assertFalse(v.passed());
    }

    @Test
    void aLetterMissingFromTheLedgerOrBookedTwiceIsNotExact() {
        Map<String, Amounts> missing = ledger();
        missing.put("BUF/DIGITAL", new Amounts(1, BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("1.50")));
        assertFalse(Correctness.evaluate(correctRun(), ledger(), missing, CLEAN_SIMULATOR, 0).ledgerExact());

        Map<String, Amounts> extra = ledger();
        extra.put("KFF/DIGITAL", new Amounts(1, BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("1.50")));
        assertFalse(Correctness.evaluate(correctRun(), ledger(), extra, CLEAN_SIMULATOR, 0).ledgerExact());
    }

    @Test
    void amountsCompareByValueNotScale() {
        Map<String, Amounts> booked = ledger();
        booked.put("BUF/DIGITAL", new Amounts(2, BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("3")));
        assertTrue(Correctness.evaluate(correctRun(), ledger(), booked, CLEAN_SIMULATOR, 0).ledgerExact());
    }

    @Test
    void anInvalidRequestAcceptedOrAValidOneRejectedFails() {
        List<LetterResult> run = correctRun();
        run.set(4, new LetterResult("e", Outcome.REJECTED, true, false, Map.of("DIGITAL", 1), false, null, 1));
        assertFalse(check(evaluate(run), "rejected exactly the invalid requests"));

        List<LetterResult> run2 = correctRun();
        run2.set(0, new LetterResult("a", Outcome.DIGITAL, false, true, Map.of(), false, null, 0));
        assertFalse(check(evaluate(run2), "rejected exactly the invalid requests"));
    }

    @Test
    void aLetterOnTheWrongChannelOrWithTheWrongFailureIsUnexpected() {
        List<LetterResult> run = correctRun();
        run.set(0, new LetterResult("a", Outcome.DIGITAL, true, false, Map.of("PRINT", 1), false, null, 1));
        run.set(3, new LetterResult("d", Outcome.FAILED_NO_ADDRESS, true, false, Map.of(), true, "DOCUMENT_NOT_FOUND", 1));
        Verdict v = evaluate(run);
        assertEquals(2, v.unexpectedOutcomes());
        assertFalse(v.passed());
    }

    @Test
    void deliveriesOfLettersTheBenchDidNotSendFail() {
        assertFalse(Correctness.evaluate(correctRun(), ledger(), ledger(), CLEAN_SIMULATOR, 1).passed());
    }
}
