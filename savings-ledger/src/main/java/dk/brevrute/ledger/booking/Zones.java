package dk.brevrute.ledger.booking;

import dk.brevrute.events.PostalZone;

/** The postal zone of a destination country: the contracts' one definition. */
final class Zones {

    private Zones() {
    }

    static String of(String country) {
        return PostalZone.of(country);
    }
}
