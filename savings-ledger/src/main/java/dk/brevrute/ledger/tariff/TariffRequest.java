package dk.brevrute.ledger.tariff;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import dk.brevrute.events.TariffVersionPublished.EnvelopeRate;
import dk.brevrute.events.TariffVersionPublished.PostageRate;

/** A new tariff version as finance enters it. {@code tariffId} defaults to the effective date. */
public record TariffRequest(
        String tariffId,
        LocalDate effectiveFrom,
        String label,
        List<PostageRate> postage,
        List<EnvelopeRate> envelopes,
        BigDecimal paperPerSheet,
        BigDecimal printPerSheet,
        BigDecimal handlingPerLetter,
        BigDecimal digitalPostFee,
        Integer sheetWeightGrams) {
}
