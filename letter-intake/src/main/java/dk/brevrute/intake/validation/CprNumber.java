package dk.brevrute.intake.validation;

import java.time.LocalDate;
import java.util.Optional;

import dk.brevrute.events.CprDate;

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
        return CprDate.of(digits);
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
