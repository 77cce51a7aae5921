package dk.brevrute.demo;

import dk.brevrute.demo.PlannedLetter.Invalid;
import dk.brevrute.demo.PlannedLetter.Kind;
import dk.brevrute.demo.PlannedLetter.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The demo's mix of requests, reproducible from a seed: about 70 % registered citizens, 1.5 % exempt,
 * 5 % companies, 5 % address-only recipients, a few citizens the print centre cannot address, some
 * forced to paper, about 1 % invalid requests, the rest citizens without Digital Post; half over
 * REST, half on Kafka, spread over the departments.
 */
public final class MailingPlan {

    static final double REGISTERED = 0.70;
    static final double EXEMPT = 0.015;
    static final double COMPANY = 0.05;
    static final double ADDRESS_ONLY = 0.05;
    static final double NO_ADDRESS = 0.005;
    static final double INVALID = 0.01;
    static final double FORCED_PAPER_OF_REGISTERED = 0.04;
    static final double WITHOUT_WINDOW_ADDRESS = 0.2;

    private MailingPlan() {
    }

    /** The demo's mailing: letters numbered from 1, sender references {@code demo-<runId>-<number>}. */
    static List<PlannedLetter> generate(int letters, long seed, List<String> departments, String runId) {
        return generate(letters, 1, seed, departments, n -> String.format("demo-%s-%05d", runId, n));
    }

    /**
     * {@code letters} requests numbered from {@code firstNumber}, their sender references made by
     * {@code reference} from the number (the benchmark's mailings use this mix too).
     */
    public static List<PlannedLetter> generate(int letters, int firstNumber, long seed, List<String> departments,
            java.util.function.IntFunction<String> reference) {
        if (letters < 1) {
            throw new IllegalArgumentException("at least one letter");
        }
        Random random = new Random(seed);
        int invalid = letters < 10 ? 0 : Math.max(2, (int) Math.round(letters * INVALID));
        int exempt = (int) Math.round(letters * EXEMPT);
        int company = (int) Math.round(letters * COMPANY);
        int addressOnly = (int) Math.round(letters * ADDRESS_ONLY);
        int noAddress = letters < 100 ? 0 : Math.max(1, (int) Math.round(letters * NO_ADDRESS));
        int registered = (int) Math.round(letters * REGISTERED);
        List<Kind> kinds = new ArrayList<>(letters);
        add(kinds, Kind.EXEMPT, exempt);
        add(kinds, Kind.COMPANY, company);
        add(kinds, Kind.ADDRESS_ONLY, addressOnly);
        add(kinds, Kind.NO_ADDRESS, noAddress);
        add(kinds, Kind.REGISTERED, Math.max(0, Math.min(registered, letters - invalid - kinds.size())));
        List<Invalid> invalids = new ArrayList<>();
        for (int i = 0; i < invalid; i++) {
            invalids.add(i % 2 == 0 ? Invalid.IMPOSSIBLE_CPR_DATE : Invalid.MISSING_SUBJECT);
        }
        add(kinds, Kind.NOT_REGISTERED, Math.max(0, letters - invalid - kinds.size()));
        // Invalid requests are citizen letters with something wrong; mark them after the shuffle.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < letters; i++) {
            order.add(i);
        }
        Collections.shuffle(kinds, random);
        Collections.shuffle(order, random);
        java.util.Map<Integer, Integer> invalidSlots = new java.util.HashMap<>();
        for (int i = 0; i < invalid; i++) {
            invalidSlots.put(order.get(i), i);
        }

        List<PlannedLetter> plan = new ArrayList<>(letters);
        int next = 0;
        for (int i = 0; i < letters; i++) {
            Integer slot = invalidSlots.get(i);
            Invalid bad = slot != null ? invalids.get(slot) : Invalid.NONE;
            Kind kind = bad == Invalid.NONE ? kinds.get(next++) : Kind.REGISTERED;
            String department = departments.get(random.nextInt(departments.size()));
            int number = firstNumber + i;
            Path path = i % 2 == 0 ? Path.REST : Path.KAFKA;
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
            plan.add(new PlannedLetter(number, department, reference.apply(number), kind, path, cpr, cvr, forcePaper, window, bad));
        }
        return List.copyOf(plan);
    }

    private static void add(List<Kind> kinds, Kind kind, int count) {
        for (int i = 0; i < count; i++) {
            kinds.add(kind);
        }
    }
}
