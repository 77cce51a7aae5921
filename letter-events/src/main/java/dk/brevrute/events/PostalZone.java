package dk.brevrute.events;

import java.util.Locale;
import java.util.Set;

/**
 * The postage zone of a destination (the {@code zone} of tariffs and deliveries): DK, EUROPE or
 * WORLD. One definition for the print centre, which prices paper, and the ledger, which prices what
 * a digital letter would have cost on paper.
 */
public final class PostalZone {

    public static final String DK = "DK";
    public static final String EUROPE = "EUROPE";
    public static final String WORLD = "WORLD";

    /** ISO 3166-1 alpha-2 countries in the postal operator's zone Europe. */
    public static final Set<String> EUROPEAN_COUNTRIES = Set.of(
            "AD", "AL", "AT", "BA", "BE", "BG", "BY", "CH", "CY", "CZ", "DE", "EE", "ES", "FI", "FO", "FR", "GB", "GI",
            "GL", "GR", "HR", "HU", "IE", "IS", "IT", "LI", "LT", "LU", "LV", "MC", "MD", "ME", "MK", "MT", "NL", "NO",
            "PL", "PT", "RO", "RS", "SE", "SI", "SK", "SM", "UA", "VA", "XK");

    private PostalZone() {
    }

    /** The zone of a country code; none or DK is DK. */
    public static String of(String country) {
        return of(country, EUROPEAN_COUNTRIES);
    }

    /** The zone of a country code with another list of European countries. */
    public static String of(String country, Set<String> europeanCountries) {
        String c = country == null || country.isBlank() ? DK : country.strip().toUpperCase(Locale.ROOT);
        if (c.equals(DK)) {
            return DK;
        }
        return europeanCountries.contains(c) ? EUROPE : WORLD;
    }
}
