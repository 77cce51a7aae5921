package dk.brevrute.events;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The birth date a CPR number encodes (DDMMYY and the century from the seventh digit, as the CPR
 * office defines it), if it is a real date. No modulus-11 check: numbers without it exist since 2007.
 * The one rule for every module that asks whether ten digits are a CPR number.
 */
public final class CprDate {

    private CprDate() {
    }

    /** The birth date of ten CPR digits (no hyphen), or empty when they are not ten digits or no real date. */
    public static Optional<LocalDate> of(String digits) {
        if (digits == null || !digits.matches("[0-9]{10}")) {
            return Optional.empty();
        }
        int day = Integer.parseInt(digits.substring(0, 2));
        int month = Integer.parseInt(digits.substring(2, 4));
        int yy = Integer.parseInt(digits.substring(4, 6));
        int seventh = digits.charAt(6) - '0';
        int century;
        if (seventh <= 3) {
            century = 1900;
        } else if (seventh == 4 || seventh == 9) {
            century = yy <= 36 ? 2000 : 1900;
        } else {
            century = yy <= 57 ? 2000 : 1800;
        }
        try {
            return Optional.of(LocalDate.of(century + yy, month, day));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
