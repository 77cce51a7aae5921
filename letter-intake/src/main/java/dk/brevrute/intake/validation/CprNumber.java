package dk.brevrute.intake.validation;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A Danish CPR number: DDMMYY-SSSS, the hyphen optional. The 7th digit and YY give the century.
 * Since 2007 valid numbers need not pass the modulus-11 check, so only the date is checked.
 * {@link #toString()} never shows the number.
 */
public final class CprNumber {

    private final String digits;

    private CprNumber(String digits) {
        this.digits = digits;
    }

    /** The CPR number, normalised to 10 digits, if {@code input} is one with a real birth date. */
    public static Optional<CprNumber> parse(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String s = input.strip();
        if (!s.matches("[0-9]{6}-?[0-9]{4}")) {
            return Optional.empty();
        }
        String digits = s.replace("-", "");
        return birthDate(digits).map(d -> new CprNumber(digits));
    }

    /** The birth date encoded in 10 CPR digits, if it is a real date. */
    static Optional<LocalDate> birthDate(String digits) {
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

    public String digits() {
        return digits;
    }

    /** {@code DDMMYY-****}: for people who may see that a letter went to a citizen, not to whom. */
    public String masked() {
        return digits.substring(0, 6) + "-****";
    }

    @Override
    public String toString() {
        return "CprNumber[****]";
    }
}
