package dk.brevrute.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.brevrute.demo.PlannedLetter.Invalid;
import dk.brevrute.demo.PlannedLetter.Kind;
import dk.brevrute.demo.PlannedLetter.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MailingPlanTest {

    private static final List<String> DEPARTMENTS = List.of("OKF", "KFF", "BUF", "SUF", "SOF", "TMF", "BIF");
    private final List<PlannedLetter> plan = MailingPlan.generate(2000, 42, DEPARTMENTS, "t1");

    private long count(Predicate<PlannedLetter> p) {
        return plan.stream().filter(p).count();
    }

    @Test
    void theMixMatchesTheIssue() {
        assertEquals(2000, plan.size());
        assertEquals(1400, count(l -> l.valid() && l.kind() == Kind.REGISTERED), "70 % registered");
        assertEquals(30, count(l -> l.valid() && l.kind() == Kind.EXEMPT), "1.5 % exempt");
        assertEquals(100, count(l -> l.valid() && l.kind() == Kind.COMPANY));
        assertEquals(100, count(l -> l.valid() && l.kind() == Kind.ADDRESS_ONLY));
        assertEquals(10, count(l -> l.valid() && l.kind() == Kind.NO_ADDRESS));
        assertEquals(20, count(l -> !l.valid()));
        assertEquals(10, count(l -> l.invalid() == Invalid.IMPOSSIBLE_CPR_DATE));
        long forced = count(PlannedLetter::forcePaper);
        assertTrue(forced > 20 && forced < 100, "some forced paper: " + forced);
        assertEquals(1000, count(l -> l.path() == Path.REST), "half over REST");
        Map<String, Long> perDepartment = plan.stream().collect(Collectors.groupingBy(PlannedLetter::department, Collectors.counting()));
        assertEquals(Set.copyOf(DEPARTMENTS), perDepartment.keySet());
    }

    @Test
    void recipientsFollowTheSimulatorsRules() {
        for (PlannedLetter l : plan) {
            if (l.invalid() == Invalid.IMPOSSIBLE_CPR_DATE) {
                assertNull(Cpr.birthDate(l.cpr()));
                continue;
            }
            switch (l.kind()) {
                case COMPANY -> assertTrue(l.cvr().matches("[1-9][0-9]{7}") && l.cpr() == null);
                case ADDRESS_ONLY -> assertTrue(l.cpr() == null && l.cvr() == null);
                default -> {
                    assertNotNull(Cpr.birthDate(l.cpr()), "date-valid");
                    int ninth = l.cpr().charAt(8) - '0';
                    int last = l.cpr().charAt(9) - '0';
                    switch (l.kind()) {
                        case REGISTERED -> assertTrue(last <= 6 && ninth != 0);
                        case EXEMPT -> assertEquals(9, last);
                        case NOT_REGISTERED -> assertTrue((last == 7 || last == 8) && ninth != 0);
                        case NO_ADDRESS -> assertTrue((last == 7 || last == 8) && ninth == 0 && !l.windowAddress());
                        default -> throw new AssertionError(l.kind());
                    }
                }
            }
            if (l.forcePaper()) {
                assertEquals(Kind.REGISTERED, l.kind());
            }
        }
    }

    @Test
    void referencesAreUniqueAndCarryTheRun() {
        Set<String> refs = new HashSet<>();
        plan.forEach(l -> assertTrue(refs.add(l.senderReference())));
        assertTrue(refs.stream().allMatch(r -> r.startsWith("demo-t1-") && r.matches("[A-Za-z0-9._:/-]{1,100}")));
    }

    @Test
    void sameSeedSamePlanAndSmallMailingsWork() {
        assertEquals(plan, MailingPlan.generate(2000, 42, DEPARTMENTS, "t1"));
        assertEquals(1, MailingPlan.generate(1, 1, DEPARTMENTS, "x").size());
        List<PlannedLetter> small = MailingPlan.generate(10, 1, DEPARTMENTS, "x");
        assertEquals(10, small.size());
        assertEquals(2, small.stream().filter(l -> !l.valid()).count());
    }
}
