package dk.brevrute.ledger.booking;

import java.math.BigDecimal;

import dk.brevrute.events.Channel;

/** Booked letters and their amounts (DKK) for one department and channel. */
public record BookingTotals(
        String department,
        Channel channel,
        long letters,
        BigDecimal postage,
        BigDecimal materialCost,
        BigDecimal digitalFees) {
}
