package dk.brevrute.events;

/**
 * A postal address as printed on an envelope. {@code country} is an ISO 3166-1 alpha-2 code;
 * {@code DK} (the default when absent) requires a 4-digit postcode.
 */
public record PostalAddress(
        String name,
        String street,
        String supplement,
        String postcode,
        String city,
        String country) {
}
