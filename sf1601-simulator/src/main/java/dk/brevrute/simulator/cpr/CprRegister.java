package dk.brevrute.simulator.cpr;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.simulator.config.SimulatorConfig;

/**
 * A fake CPR register: the same number always gives the same made-up person and Copenhagen
 * address. The ninth digit decides the outcome: 0 is unknown to the register, 9 has name and
 * address protection, anything else is an ordinary citizen; configured lists win over the rule.
 * Even digits of the tenth are women, odd men (as in real CPR numbers).
 */
@ApplicationScoped
class CprRegister {

    record Address(String name, String street, String supplement, String postcode, String city, String country) {
    }

    record Person(String name, Address address, boolean addressProtected) {
    }

    private static final List<String> WOMEN = List.of("Anne", "Kirsten", "Mette", "Hanne", "Camilla", "Sofie", "Ida",
            "Freja", "Maja", "Lærke", "Søs", "Birgitte");
    private static final List<String> MEN = List.of("Jens", "Peter", "Lars", "Søren", "Mikkel", "Frederik", "Mads",
            "Rasmus", "Jørgen", "Niels", "Emil", "Aksel");
    private static final List<String> SURNAMES = List.of("Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen",
            "Christensen", "Larsen", "Sørensen", "Rasmussen", "Jørgensen", "Madsen", "Kristensen", "Østergaard", "Bæk");
    private static final List<String> STREETS = List.of("Nørregade", "Vesterbrogade", "Amagerbrogade", "Østerbrogade",
            "Jagtvej", "Frederikssundsvej", "Gammel Kongevej", "Istedgade", "Tagensvej", "Valby Langgade", "Ågade",
            "Blågårdsgade");
    private static final List<String[]> POSTCODES = List.of(
            new String[] {"1165", "København K"}, new String[] {"1620", "København V"}, new String[] {"2100", "København Ø"},
            new String[] {"2200", "København N"}, new String[] {"2300", "København S"}, new String[] {"2400", "København NV"},
            new String[] {"2450", "København SV"}, new String[] {"2500", "Valby"}, new String[] {"2700", "Brønshøj"},
            new String[] {"2720", "Vanløse"});
    private static final List<String> SIDES = List.of("th.", "tv.", "mf.");

    private final Set<String> unknown = new HashSet<>();
    private final Set<String> protectedAddress = new HashSet<>();

    CprRegister(SimulatorConfig config) {
        config.cpr().unknown().ifPresent(l -> l.forEach(s -> unknown.add(s.strip())));
        config.cpr().protectedAddress().ifPresent(l -> l.forEach(s -> protectedAddress.add(s.strip())));
    }

    /** The person with this (10-digit) number, or empty when the register does not know it. */
    Optional<Person> lookUp(String cpr) {
        char ninth = cpr.charAt(8);
        if (unknown.contains(cpr) || (ninth == '0' && !protectedAddress.contains(cpr))) {
            return Optional.empty();
        }
        boolean isProtected = protectedAddress.contains(cpr) || ninth == '9';
        SplittableRandom random = new SplittableRandom(Long.parseLong(cpr) * 0x9E3779B97F4A7C15L);
        boolean woman = (cpr.charAt(9) - '0') % 2 == 0;
        String first = pick(random, woman ? WOMEN : MEN);
        String name = first + " " + pick(random, SURNAMES);
        String street = pick(random, STREETS) + " " + (1 + random.nextInt(150));
        int floor = random.nextInt(6);
        street += floor == 0 ? ", st." : ", " + floor + ". " + pick(random, SIDES);
        String[] postcode = POSTCODES.get(random.nextInt(POSTCODES.size()));
        return Optional.of(new Person(name, new Address(name, street, null, postcode[0], postcode[1], "DK"), isProtected));
    }

    private static String pick(SplittableRandom random, List<String> from) {
        return from.get(random.nextInt(from.size()));
    }
}
