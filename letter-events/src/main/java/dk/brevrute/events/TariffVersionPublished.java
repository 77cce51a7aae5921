package dk.brevrute.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One version of the tariff, in force from {@code effectiveFrom} until the next version's date.
 * Published by savings-ledger on a compacted topic keyed by {@code tariffId}; the print centre
 * prices postage and the gateway the Digital Post fee from it. Amounts are DKK.
 */
public record TariffVersionPublished(
        UUID eventId,
        Instant occurredAt,
        String tariffId,
        LocalDate effectiveFrom,
        String label,
        List<PostageRate> postage,
        List<EnvelopeRate> envelopes,
        BigDecimal paperPerSheet,
        BigDecimal printPerSheet,
        BigDecimal handlingPerLetter,
        BigDecimal digitalPostFee,
        int sheetWeightGrams,
        String createdBy) implements BrevruteEvent {

    /** Price of one letter of class and zone up to {@code maxWeightGrams}. Zone: DK, EUROPE, WORLD. */
    public record PostageRate(PostageClass postageClass, String zone, int maxWeightGrams, BigDecimal price) {
    }

    /** Envelope size (C5, C4), its price, weight and how many sheets fit. */
    public record EnvelopeRate(String size, BigDecimal price, int weightGrams, int maxSheets) {
    }
}
