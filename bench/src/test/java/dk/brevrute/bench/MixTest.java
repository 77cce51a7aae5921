package dk.brevrute.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.brevrute.demo.PlannedLetter.Kind;
import dk.brevrute.bench.PlannedLetter.Outcome;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The mix has the demo's shares, the simulator's digit rules and reproducible, unique references. */
class MixTest {

    private static final List<String> DEPARTMENTS = List.of("OKF", "KFF", "BUF", "SUF", "SOF", "TMF", "BIF");

    @Test
    void sharesFollowTheDemo() {
        List<PlannedLetter> plan = Mix.generate(10_000, 1, "kafka", 7, DEPARTMENTS, "t");
        Map<Outcome, Long> outcomes = plan.stream().collect(Collectors.groupingBy(PlannedLetter::expected, Collectors.counting()));
        assertEquals(100, outcomes.get(Outcome.REJECTED));
        assertEquals(50, outcomes.get(Outcome.FAILED_NO_ADDRESS));
        long digital = outcomes.get(Outcome.DIGITAL);
        // 70 % registered (4 % of them forced to paper) + 5 % companies, less the invalid requests taken from them.
        assertTrue(digital > 7_000 && digital < 7_400, "digital " + digital);
        Map<Kind, Long> kinds = plan.stream().filter(PlannedLetter::valid).collect(Collectors.groupingBy(PlannedLetter::kind, Collectors.counting()));
        assertEquals(150, kinds.get(Kind.EXEMPT));
        assertEquals(500, kinds.get(Kind.COMPANY));
        assertEquals(500, kinds.get(Kind.ADDRESS_ONLY));
        assertTrue(plan.stream().map(PlannedLetter::department).collect(Collectors.toSet()).containsAll(DEPARTMENTS));
        long pages4 = plan.stream().filter(l -> l.pages() == 4).count();
        assertTrue(pages4 > 300 && pages4 < 700, "4-page letters " + pages4);
        assertTrue(plan.stream().allMatch(l -> l.pages() >= 1 && l.pages() <= 4));
    }

    @Test
    void recipientsFollowTheSimulatorsDigitRules() {
        for (PlannedLetter l : Mix.generate(3_000, 1, "kafka", 11, DEPARTMENTS, "t")) {
            if (!l.valid()) {
                continue;
            }
            switch (l.kind()) {
                case REGISTERED -> assertTrue(l.cpr().charAt(9) <= '6');
                case NOT_REGISTERED -> assertTrue(l.cpr().charAt(9) == '7' || l.cpr().charAt(9) == '8');
                case EXEMPT -> assertEquals('9', l.cpr().charAt(9));
                case NO_ADDRESS -> assertEquals('0', l.cpr().charAt(8));
                case COMPANY -> assertTrue(l.cvr().matches("[0-9]{8}") && l.windowAddress());
                case ADDRESS_ONLY -> assertTrue(l.cpr() == null && l.windowAddress());
            }
            if (l.cpr() != null) {
                int dd = Integer.parseInt(l.cpr().substring(0, 2));
                int mm = Integer.parseInt(l.cpr().substring(2, 4));
                LocalDate.of(2000, mm, Math.min(dd, 28)); // a real month and day
                assertTrue(dd >= 1 && dd <= 31);
            }
        }
    }

    @Test
    void referencesAreUniqueAcrossPhasesAndTheSameSeedGivesTheSamePlan() {
        List<PlannedLetter> a = Mix.generate(500, 1, "kafka", 3, DEPARTMENTS, "t");
        List<PlannedLetter> b = Mix.generate(500, 501, "rest", 4, DEPARTMENTS, "t");
        HashSet<String> refs = new HashSet<>();
        a.forEach(l -> refs.add(l.senderReference()));
        b.forEach(l -> refs.add(l.senderReference()));
        assertEquals(1000, refs.size());
        assertEquals(a, Mix.generate(500, 1, "kafka", 3, DEPARTMENTS, "t"));
        assertTrue(a.get(0).senderReference().startsWith("bench-t-kafka-"));
    }
}
