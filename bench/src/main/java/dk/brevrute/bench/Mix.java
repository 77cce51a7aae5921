package dk.brevrute.bench;

import dk.brevrute.demo.MailingPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The mailing mix, reproducible from a seed: the demo's ({@link MailingPlan}:
 * 70 % registered citizens of whom 4 % forced to paper, 1.5 % exempt, 5 % companies, 5 % address
 * only, 0.5 % citizens nobody can address, 1 % invalid requests, the rest citizens without Digital
 * Post; a fifth of the citizen letters show no address in the envelope window), spread evenly at
 * random over the departments. Pages: 1-4 (50 %, 30 %, 15 %, 5 %).
 */
final class Mix {

    private Mix() {
    }

    /**
     * {@code letters} requests of one phase, numbered from {@code firstNumber}, with sender references
     * {@code bench-<runId>-<phase>-<number>}: the demo's mix ({@link MailingPlan}), each with 1-4 pages.
     */
    static List<PlannedLetter> generate(int letters, int firstNumber, String phase, long seed, List<String> departments, String runId) {
        List<dk.brevrute.demo.PlannedLetter> mix = MailingPlan.generate(letters, firstNumber, seed, departments,
                n -> String.format("bench-%s-%s-%07d", runId, phase, n));
        Random random = new Random(seed + 1);
        List<PlannedLetter> plan = new ArrayList<>(letters);
        for (dk.brevrute.demo.PlannedLetter l : mix) {
            double p = random.nextDouble();
            int pages = p < 0.50 ? 1 : p < 0.80 ? 2 : p < 0.95 ? 3 : 4;
            plan.add(new PlannedLetter(l.number(), phase, l.department(), l.senderReference(), l.kind(), l.cpr(), l.cvr(),
                    l.forcePaper(), l.windowAddress(), l.invalid(), pages));
        }
        return List.copyOf(plan);
    }
}
