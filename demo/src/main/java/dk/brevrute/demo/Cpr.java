package dk.brevrute.demo;

import java.time.LocalDate;
import java.util.Random;

import dk.brevrute.events.CprDate;

/**
 * Made-up CPR numbers (DDMMYYSSSS) for the demo: date-valid, century encoded in the 7th digit, the
 * 9th digit choosing the simulated CPR register's answer and the last digit the simulated Digital
 * Post registry's (see sf1601-simulator's README). No modulus-11 check, as since 2007.
 */
public final class Cpr {

    private Cpr() {
    }

    /** A date-valid number born 1930-2006 with the given ninth and last digits. */
    public static String generate(Random random, int ninthDigit, int lastDigit) {
        LocalDate birth = LocalDate.of(1930, 1, 1).plusDays(random.nextInt(77 * 365));
        int yy = birth.getYear() % 100;
        // 7th digit: 0-3 means 1900-1999; 4 with YY 00-36 means 2000-2036.
        int seventh = birth.getYear() < 2000 ? random.nextInt(4) : 4;
        int eighth = random.nextInt(10);
        return String.format("%02d%02d%02d%d%d%d%d", birth.getDayOfMonth(), birth.getMonthValue(), yy, seventh, eighth,
                ninthDigit, lastDigit);
    }

    /** A number whose date does not exist (30 February); intake must refuse it. */
    public static String impossibleDate(Random random) {
        return String.format("3002%02d%04d", random.nextInt(100), random.nextInt(10000));
    }

    /** The birth date the number encodes, or null when it has none (wrong form or no such date). */
    static LocalDate birthDate(String cpr) {
        return CprDate.of(cpr).orElse(null);
    }
}
