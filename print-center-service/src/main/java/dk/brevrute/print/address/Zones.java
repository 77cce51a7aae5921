package dk.brevrute.print.address;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Postage zone of a destination country: DK, EUROPE (a configured list) or WORLD. */
public final class Zones {

    public static final String DK = "DK";
    public static final String EUROPE = "EUROPE";
    public static final String WORLD = "WORLD";

    private final Set<String> europe;

    public Zones(List<String> europe) {
        this.europe = europe.stream().map(s -> s.strip().toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public String of(String country) {
        String c = country == null || country.isBlank() ? DK : country.strip().toUpperCase(Locale.ROOT);
        if (c.equals(DK)) {
            return DK;
        }
        return europe.contains(c) ? EUROPE : WORLD;
    }
}
