package dk.brevrute.bench;

import java.util.List;

/**
 * Made-up names, addresses and subjects for a letter, derived from its number, so the same run
 * always writes the same letters. Copenhagen street names and postcodes; no real people.
 */
final class Recipients {

    private static final String[] FIRST = {"Mette", "Lars", "Anne", "Peter", "Kirsten", "Søren", "Hanne", "Jens", "Camilla",
        "Mikkel", "Fatima", "Jonas", "Ida", "Frederik", "Sofie", "Mohammed", "Louise", "Rasmus", "Emma", "Anders", "Aisha",
        "Niels", "Maja", "Thomas", "Birgitte", "Oliver", "Julie", "Henrik", "Freja", "Ali"};
    private static final String[] LAST = {"Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen",
        "Sørensen", "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Poulsen", "Johansen",
        "Møller", "Mortensen", "Yilmaz", "Khan", "Holm", "Frederiksen", "Lund", "Schmidt"};
    private static final String[] STREETS = {"Nørregade", "Amagerbrogade", "Jagtvej", "Vesterbrogade", "Frederikssundsvej",
        "Østerbrogade", "Valby Langgade", "Tagensvej", "Sundholmsvej", "Borups Allé", "Istedgade", "Nørrebrogade",
        "Strandboulevarden", "Englandsvej", "Gammel Køge Landevej", "Bispebjerg Bakke", "Tingbjerg Allé", "Ørestads Boulevard",
        "Peter Bangs Vej", "Sønderboulevard"};
    private static final String[] FLOORS = {"", ", st.", ", 1. tv.", ", 2. th.", ", 3. mf.", ", 4. tv.", ", 1.", ", 5. th."};
    private static final String[] CITIES = {"1165 København K", "2300 København S", "2200 København N", "1620 København V",
        "2700 Brønshøj", "2100 København Ø", "2500 Valby", "2400 København NV", "2450 København SV", "2000 Frederiksberg",
        "2720 Vanløse", "2610 Rødovre"};
    private static final String[] COMPANY = {"Byggeselskabet", "Nordhavn Logistik", "Amager Bageri", "Valby Tømrer", "Café Jagtvej",
        "Østerbro Tandklinik", "Sydhavn Auto", "Vesterbro Vin", "Brønshøj Maler", "Kongens Have Catering"};
    private static final String[] SUBJECTS = {"Afgørelse om pladsanvisning", "Indkaldelse til samtale", "Svar på ansøgning om boligstøtte",
        "Varsel om vejarbejde", "Bekræftelse af tilmelding", "Afgørelse om hjemmehjælp", "Opkrævning af forældrebetaling",
        "Tilladelse til udeservering", "Orientering om affaldsordning", "Indkaldelse til sundhedsundersøgelse",
        "Årsopgørelse over betalinger", "Valgkort til kommunalvalget", "Afgørelse om økonomisk friplads", "Svar på aktindsigt"};

    private Recipients() {
    }

    /** Name, street and "postcode city" of a letter's recipient. */
    static List<String> address(PlannedLetter letter) {
        int n = letter.number();
        String name = letter.kind() == dk.brevrute.demo.PlannedLetter.Kind.COMPANY
                ? COMPANY[n % COMPANY.length] + " ApS"
                : name(n);
        String street = STREETS[(n / 7) % STREETS.length] + " " + (1 + (n * 31) % 180) + FLOORS[(n / 3) % FLOORS.length];
        return List.of(name, street, CITIES[(n / 11) % CITIES.length]);
    }

    static String name(int n) {
        return FIRST[n % FIRST.length] + " " + LAST[(n / FIRST.length + n) % LAST.length];
    }

    static String subject(PlannedLetter letter) {
        return SUBJECTS[letter.number() % SUBJECTS.length];
    }
}
