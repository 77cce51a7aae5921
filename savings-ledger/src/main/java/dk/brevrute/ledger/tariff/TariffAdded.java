package dk.brevrute.ledger.tariff;

import java.time.LocalDate;

/**
 * A tariff version was added (fired inside its transaction): bookings delivered from {@code from}
 * until {@code until} (exclusive; null = open-ended) may need re-pricing.
 */
public record TariffAdded(String tariffId, LocalDate from, LocalDate until) {
}
