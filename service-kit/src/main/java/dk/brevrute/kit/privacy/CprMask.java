package dk.brevrute.kit.privacy;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * CPR numbers in API answers: {@code DDMMYY-****} (the birth date, not the person) for everyone but
 * the roles that need the whole number, and CPR-shaped text in free text (a purpose, a note) masked
 * before it is stored.
 */
public final class CprMask {

    /** Ten digits, the hyphen optional, not inside a longer run of digits. */
    private static final Pattern CPR_LIKE = Pattern.compile("(?<![0-9])([0-9]{6})-?[0-9]{4}(?![0-9])");

    private CprMask() {
    }

    /** {@code DDMMYY-****}; {@code ******-****} for anything that is not 10 digits (with or without the hyphen); null stays null. */
    public static String mask(String cpr) {
        if (cpr == null) {
            return null;
        }
        String digits = cpr.strip().replace("-", "");
        return digits.matches("[0-9]{10}") ? digits.substring(0, 6) + "-****" : "******-****";
    }

    /** The whole number ({@code DDMMYY-SSSS}) for a caller holding one of {@code rolesThatSeeIt}, else masked. */
    public static String forRoles(String cpr, Collection<String> callerRoles, Collection<String> rolesThatSeeIt) {
        if (cpr == null) {
            return null;
        }
        boolean sees = callerRoles != null && rolesThatSeeIt.stream().anyMatch(callerRoles::contains);
        if (!sees) {
            return mask(cpr);
        }
        String digits = cpr.strip().replace("-", "");
        return digits.matches("[0-9]{10}") ? digits.substring(0, 6) + "-" + digits.substring(6) : mask(cpr);
    }

    /** Free text with every CPR-shaped number masked ({@code DDMMYY-****}). */
    public static String maskAll(String text) {
        return text == null ? null : CPR_LIKE.matcher(text).replaceAll("$1-****");
    }
}
