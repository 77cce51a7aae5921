package dk.brevrute.ledger.booking;

import java.util.Set;

/** The postal zone of a destination country (ISO 3166-1 alpha-2): DK, EUROPE or WORLD. */
final class Zones {

    private static final Set<String> EUROPE = Set.of(
            "AD", "AL", "AT", "BA", "BE", "BG", "BY", "CH", "CY", "CZ", "DE", "EE", "ES", "FI", "FO", "FR", "GB", "GI",
            "GL", "GR", "HR", "HU", "IE", "IS", "IT", "LI", "LT", "LU", "LV", "MC", "MD", "ME", "MK", "MT", "NL", "NO",
            "PL", "PT", "RO", "RS", "SE", "SI", "SK", "SM", "UA", "VA", "XK");

    private Zones() {
    }

    static String of(String country) {
        if (country == null || country.isBlank() || country.equalsIgnoreCase("DK")) {
            return "DK";
        }
        return EUROPE.contains(country.toUpperCase(java.util.Locale.ROOT)) ? "EUROPE" : "WORLD";
    }
}
