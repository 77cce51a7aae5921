package dk.brevrute.bench;

import java.time.LocalDate;
import java.util.Random;

/**
 * Made-up CPR numbers (DDMMYYSSSS), the same rules as the demo's: date-valid, century in the 7th
 * digit, the 9th digit choosing the simulated CPR register's answer (0 unknown) and the last digit
 * the simulated Digital Post registry's (0-6 registered, 7-8 not, 9 exempt). Never printed.
 */
final class Cpr {

    private Cpr() {
    }

    static String generate(Random random, int ninthDigit, int lastDigit) {
        LocalDate birth = LocalDate.of(1930, 1, 1).plusDays(random.nextInt(77 * 365));
        int yy = birth.getYear() % 100;
        // 7th digit: 0-3 means 1900-1999; 4 with YY 00-36 means 2000-2036.
        int seventh = birth.getYear() < 2000 ? random.nextInt(4) : 4;
        return String.format("%02d%02d%02d%d%d%d%d", birth.getDayOfMonth(), birth.getMonthValue(), yy, seventh,
                random.nextInt(10), ninthDigit, lastDigit);
    }

    /** A number whose date does not exist (30 February): intake must refuse it. */
    static String impossibleDate(Random random) {
        return String.format("3002%02d%04d", random.nextInt(100), random.nextInt(10000));
    }
}
