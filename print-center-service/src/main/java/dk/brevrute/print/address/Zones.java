package dk.brevrute.print.address;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dk.brevrute.events.PostalZone;

/**
 * Postage zone of a destination country: DK, EUROPE or WORLD, by the contracts' definition
 * ({@link PostalZone}) unless the print centre is configured with another list of European countries.
 */
public final class Zones {

    public static final String DK = PostalZone.DK;
    public static final String EUROPE = PostalZone.EUROPE;
    public static final String WORLD = PostalZone.WORLD;

    private final Set<String> europe;

    public Zones(List<String> europe) {
        this.europe = europe.stream().map(s -> s.strip().toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** The contracts' list of European countries. */
    public Zones() {
        this.europe = PostalZone.EUROPEAN_COUNTRIES;
    }

    public String of(String country) {
        return PostalZone.of(country, europe);
    }
}
