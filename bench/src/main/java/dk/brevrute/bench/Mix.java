package dk.brevrute.bench;

import dk.brevrute.bench.PlannedLetter.Invalid;
import dk.brevrute.bench.PlannedLetter.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The mailing mix, reproducible from a seed. The shares are the demo's (demo {@code MailingPlan}:
 * 70 % registered citizens of whom 4 % forced to paper, 1.5 % exempt, 5 % companies, 5 % address
 * only, 0.5 % citizens nobody can address, 1 % invalid requests, the rest citizens without Digital
 * Post; a fifth of the citizen letters show no address in the envelope window), spread evenly at
 * random over the departments. Pages: 1-4 (50 %, 30 %, 15 %, 5 %).
 */
final class Mix {

    static final double REGISTERED = 0.70;
    static final double EXEMPT = 0.015;
    static final double COMPANY = 0.05;
    static final double ADDRESS_ONLY = 0.05;
    static final double NO_ADDRESS = 0.005;
    static final double INVALID = 0.01;
    static final double FORCED_PAPER_OF_REGISTERED = 0.04;
    static final double WITHOUT_WINDOW_ADDRESS = 0.2;

    private Mix() {
    }

    /**
     * {@code letters} requests of one phase, numbered from {@code firstNumber}, with sender references
     * {@code bench-<runId>-<phase>-<number>}.
     */
    static List<PlannedLetter> generate(int letters, int firstNumber, String phase, long seed, List<String> departments, String runId) {
        if (letters < 1) {
            throw new IllegalArgumentException("at least one letter");
        }
        Random random = new Random(seed);
        int invalid = letters < 10 ? 0 : Math.max(2, (int) Math.round(letters * INVALID));
        List<Kind> kinds = new ArrayList<>(letters);
        add(kinds, Kind.EXEMPT, (int) Math.round(letters * EXEMPT));
        add(kinds, Kind.COMPANY, (int) Math.round(letters * COMPANY));
        add(kinds, Kind.ADDRESS_ONLY, (int) Math.round(letters * ADDRESS_ONLY));
        add(kinds, Kind.NO_ADDRESS, letters < 100 ? 0 : Math.max(1, (int) Math.round(letters * NO_ADDRESS)));
        add(kinds, Kind.REGISTERED, Math.max(0, Math.min((int) Math.round(letters * REGISTERED), letters - invalid - kinds.size())));
        add(kinds, Kind.NOT_REGISTERED, Math.max(0, letters - invalid - kinds.size()));
        Collections.shuffle(kinds, random);
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < letters; i++) {
            slots.add(i);
        }
        Collections.shuffle(slots, random);
        java.util.Set<Integer> invalidSlots = new java.util.HashSet<>(slots.subList(0, invalid));

        List<PlannedLetter> plan = new ArrayList<>(letters);
        int next = 0;
        int invalidSeen = 0;
        for (int i = 0; i < letters; i++) {
            Invalid bad = Invalid.NONE;
            if (invalidSlots.contains(i)) {
                bad = invalidSeen++ % 2 == 0 ? Invalid.IMPOSSIBLE_CPR_DATE : Invalid.MISSING_SUBJECT;
            }
            Kind kind = bad == Invalid.NONE ? kinds.get(next++) : Kind.REGISTERED;
            int number = firstNumber + i;
            String department = departments.get(random.nextInt(departments.size()));
            String reference = String.format("bench-%s-%s-%07d", runId, phase, number);
            String cpr = null;
            String cvr = null;
            boolean forcePaper = false;
            boolean window = random.nextDouble() >= WITHOUT_WINDOW_ADDRESS;
            int ninth = 1 + random.nextInt(9); // 0 would be unknown to the CPR register
            switch (kind) {
                case REGISTERED -> {
                    cpr = Cpr.generate(random, ninth, random.nextInt(7));
                    forcePaper = random.nextDouble() < FORCED_PAPER_OF_REGISTERED;
                }
                case EXEMPT -> cpr = Cpr.generate(random, ninth, 9);
                case NOT_REGISTERED -> cpr = Cpr.generate(random, ninth, 7 + random.nextInt(2));
                case NO_ADDRESS -> {
                    cpr = Cpr.generate(random, 0, 7 + random.nextInt(2));
                    window = false;
                }
                case COMPANY -> {
                    cvr = String.format("%08d", 10_000_000 + random.nextInt(89_999_999));
                    window = true;
                }
                case ADDRESS_ONLY -> window = true;
            }
            if (bad == Invalid.IMPOSSIBLE_CPR_DATE) {
                cpr = Cpr.impossibleDate(random);
            }
            double p = random.nextDouble();
            int pages = p < 0.50 ? 1 : p < 0.80 ? 2 : p < 0.95 ? 3 : 4;
            plan.add(new PlannedLetter(number, phase, department, reference, kind, cpr, cvr, forcePaper, window, bad, pages));
        }
        return List.copyOf(plan);
    }

    private static void add(List<Kind> kinds, Kind kind, int count) {
        for (int i = 0; i < count; i++) {
            kinds.add(kind);
        }
    }
}
