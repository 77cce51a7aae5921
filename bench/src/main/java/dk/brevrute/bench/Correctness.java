package dk.brevrute.bench;

import dk.brevrute.bench.PlannedLetter.Outcome;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The run's correctness checks, on plain data so tests can feed them crafted inputs: nothing lost,
 * nothing delivered twice, every request ended as the mix says, and the savings ledger's totals
 * exactly what the delivery events say.
 */
final class Correctness {

    /** What became of one request. {@code deliveries}: channel → distinct LetterDelivered event ids. */
    record LetterResult(String reference, Outcome expected, boolean accepted, boolean rejected, Map<String, Integer> deliveries,
            boolean failed, String failure, int routings) {
    }

    /** Booked letters and amounts of one department and channel. */
    record Amounts(long letters, BigDecimal postage, BigDecimal materialCost, BigDecimal digitalFees) {

        static final Amounts ZERO = new Amounts(0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

        Amounts plus(Amounts o) {
            return new Amounts(letters + o.letters, postage.add(o.postage), materialCost.add(o.materialCost), digitalFees.add(o.digitalFees));
        }

        Amounts minus(Amounts o) {
            return new Amounts(letters - o.letters, postage.subtract(o.postage), materialCost.subtract(o.materialCost),
                    digitalFees.subtract(o.digitalFees));
        }

        boolean sameAs(Amounts o) {
            return letters == o.letters && postage.compareTo(o.postage) == 0 && materialCost.compareTo(o.materialCost) == 0
                    && digitalFees.compareTo(o.digitalFees) == 0;
        }

        @Override
        public String toString() {
            return letters + " letters, postage " + postage.toPlainString() + ", material " + materialCost.toPlainString() + ", fees "
                    + digitalFees.toPlainString();
        }
    }

    /** The simulator's counters for the run: placements in a mailbox, letters placed more than once. */
    record Simulator(long placements, long lettersPlacedMoreThanOnce, int duplicatesListed) {
    }

    record Check(String name, boolean passed, String detail) {
    }

    record Verdict(boolean passed, long lost, long deliveredTwice, long unexpectedOutcomes, boolean ledgerExact, List<Check> checks) {
    }

    private Correctness() {
    }

    /**
     * @param expectedLedger "DEPT/CHANNEL" → amounts from the delivery events (first event of each letter and channel)
     * @param ledgerDelta    "DEPT/CHANNEL" → what the ledger booked during the run
     */
    static Verdict evaluate(List<LetterResult> letters, Map<String, Amounts> expectedLedger, Map<String, Amounts> ledgerDelta,
            Simulator simulator, int foreignDeliveries) {
        List<Check> checks = new ArrayList<>();

        long notAccepted = 0;
        long unfinished = 0;
        long invalidAccepted = 0;
        long validRejected = 0;
        long twice = 0;
        long bothWithoutFallback = 0;
        long unexpected = 0;
        long digital = 0;
        Map<String, Long> mismatches = new TreeMap<>();
        for (LetterResult r : letters) {
            boolean valid = r.expected() != Outcome.REJECTED;
            if (!valid) {
                if (r.accepted()) {
                    invalidAccepted++;
                }
                if (!r.rejected() && !r.accepted()) {
                    unfinished++; // an invalid request must at least be rejected
                }
                continue;
            }
            if (r.rejected()) {
                validRejected++;
            }
            if (!r.accepted()) {
                if (!r.rejected()) {
                    notAccepted++;
                }
                continue;
            }
            boolean delivered = r.deliveries().values().stream().anyMatch(n -> n > 0);
            if (!delivered && !r.failed()) {
                unfinished++;
            }
            if (r.deliveries().values().stream().anyMatch(n -> n > 1)) {
                twice++;
            }
            if (r.deliveries().getOrDefault("DIGITAL", 0) > 0) {
                digital++;
            }
            if (r.deliveries().getOrDefault("DIGITAL", 0) > 0 && r.deliveries().getOrDefault("PRINT", 0) > 0 && r.routings() < 2) {
                bothWithoutFallback++;
            }
            String got = outcome(r);
            if (got != null && !got.equals(r.expected().name())) {
                unexpected++;
                mismatches.merge(r.expected() + "→" + got, 1L, Long::sum);
            }
        }
        long lost = notAccepted + unfinished;
        checks.add(new Check("nothing lost", lost == 0,
                String.format("%d valid requests never accepted, %d accepted letters (or invalid requests) with no final outcome",
                        notAccepted, unfinished)));
        checks.add(new Check("rejected exactly the invalid requests", invalidAccepted == 0 && validRejected == 0,
                String.format("%d invalid accepted, %d valid rejected", invalidAccepted, validRejected)));

        long simulatorTwice = simulator == null ? 0 : simulator.lettersPlacedMoreThanOnce() + simulator.duplicatesListed();
        long deliveredTwice = twice + bothWithoutFallback + simulatorTwice;
        checks.add(new Check("nothing delivered twice", deliveredTwice == 0,
                String.format("%d letters with two LetterDelivered events (distinct ids) in one channel, %d in both channels without a "
                        + "fallback decision, simulator: %s", twice, bothWithoutFallback,
                        simulator == null ? "not read" : simulator.lettersPlacedMoreThanOnce() + " letters placed more than once, "
                                + simulator.duplicatesListed() + " listed in /admin/duplicates")));
        if (simulator != null) {
            checks.add(new Check("simulator placements = digital deliveries", simulator.placements() == digital,
                    String.format("%d placed in a mailbox, %d delivered DIGITAL", simulator.placements(), digital)));
        }
        checks.add(new Check("every request ended as the mix says", unexpected == 0,
                unexpected == 0 ? "all as expected" : unexpected + " differ: " + mismatches));
        checks.add(new Check("no deliveries of letters the bench did not send", foreignDeliveries == 0, foreignDeliveries + " found"));

        List<String> ledgerDiffs = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(expectedLedger.keySet());
        keys.addAll(ledgerDelta.keySet());
        Amounts expectedTotal = Amounts.ZERO;
        Amounts bookedTotal = Amounts.ZERO;
        for (String key : keys) {
            Amounts want = expectedLedger.getOrDefault(key, Amounts.ZERO);
            Amounts got = ledgerDelta.getOrDefault(key, Amounts.ZERO);
            expectedTotal = expectedTotal.plus(want);
            bookedTotal = bookedTotal.plus(got);
            if (!want.sameAs(got)) {
                ledgerDiffs.add(key + ": booked " + got + ", delivered " + want);
            }
        }
        boolean ledgerExact = ledgerDiffs.isEmpty();
        checks.add(new Check("ledger totals exact", ledgerExact,
                ledgerExact ? "booked = delivered: " + bookedTotal : String.join("; ", ledgerDiffs)));

        boolean passed = checks.stream().allMatch(Check::passed);
        return new Verdict(passed, lost, deliveredTwice, unexpected, ledgerExact, List.copyOf(checks));
    }

    /** The outcome the events show, in the terms of {@link Outcome}; null while unfinished. */
    static String outcome(LetterResult r) {
        if (r.rejected()) {
            return Outcome.REJECTED.name();
        }
        boolean print = r.deliveries().getOrDefault("PRINT", 0) > 0;
        boolean digital = r.deliveries().getOrDefault("DIGITAL", 0) > 0;
        if (print && !digital) {
            return Outcome.PRINT.name();
        }
        if (digital && !print) {
            return Outcome.DIGITAL.name();
        }
        if (digital) {
            return "DIGITAL+PRINT";
        }
        if (r.failed()) {
            return Objects.equals(r.failure(), "NO_ADDRESS") ? Outcome.FAILED_NO_ADDRESS.name() : "FAILED:" + r.failure();
        }
        return null;
    }
}
