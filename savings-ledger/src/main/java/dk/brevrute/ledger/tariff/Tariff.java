package dk.brevrute.ledger.tariff;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dk.brevrute.events.PostageClass;
import dk.brevrute.events.TariffVersionPublished;
import dk.brevrute.events.TariffVersionPublished.EnvelopeRate;
import dk.brevrute.events.TariffVersionPublished.PostageRate;

/**
 * One tariff version and what a paper letter costs under it. Immutable; amounts are DKK. The rates
 * are the contract's own records ({@link TariffVersionPublished}), so the print centre and the
 * gateway read exactly what the ledger prices with.
 */
public record Tariff(
        String tariffId,
        LocalDate effectiveFrom,
        String label,
        boolean example,
        List<PostageRate> postage,
        List<EnvelopeRate> envelopes,
        BigDecimal paperPerSheet,
        BigDecimal printPerSheet,
        BigDecimal handlingPerLetter,
        BigDecimal digitalPostFee,
        int sheetWeightGrams,
        String createdBy,
        Instant createdAt) {

    public static final List<String> ZONES = List.of("DK", "EUROPE", "WORLD");

    public Tariff {
        postage = List.copyOf(postage);
        envelopes = List.copyOf(envelopes);
    }

    /** What one paper letter costs: postage, envelope, paper and print per sheet, handling. */
    public record PaperCost(String envelope, int weightGrams, BigDecimal postage, BigDecimal material,
            BigDecimal handling, BigDecimal total) {
    }

    /** A letter this tariff cannot price; the message names only sizes, classes and zones. */
    public static class Unpriceable extends RuntimeException {
        Unpriceable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The paper cost of a letter of {@code sheets} sheets: the smallest envelope that holds them, the
     * lightest weight class of its class and zone that carries it (a zone without B-post is sent A).
     */
    public PaperCost paperCost(int sheets, PostageClass postageClass, String zone) {
        int n = Math.max(1, sheets);
        EnvelopeRate envelope = envelopes.stream()
                .filter(e -> e.maxSheets() >= n)
                .min(Comparator.comparingInt(EnvelopeRate::maxSheets))
                .orElseThrow(() -> new Unpriceable("no envelope of tariff " + tariffId + " holds " + n + " sheets"));
        int weight = n * sheetWeightGrams + envelope.weightGrams();
        PostageRate rate = rate(postageClass, zone, weight)
                .or(() -> postageClass == PostageClass.B ? rate(PostageClass.A, zone, weight) : Optional.empty())
                .orElseThrow(() -> new Unpriceable("tariff " + tariffId + " has no " + postageClass + " postage to " + zone
                        + " for " + weight + " g"));
        BigDecimal material = envelope.price().add(paperPerSheet.add(printPerSheet).multiply(BigDecimal.valueOf(n)));
        BigDecimal total = rate.price().add(material).add(handlingPerLetter);
        return new PaperCost(envelope.size(), weight, money(rate.price()), money(material), money(handlingPerLetter), money(total));
    }

    /** What a digital letter saved: its paper cost under this tariff minus the Digital Post fee. */
    public BigDecimal digitalSaving(int sheets, PostageClass postageClass, String zone) {
        return paperCost(sheets, postageClass, zone).total().subtract(money(digitalPostFee));
    }

    private Optional<PostageRate> rate(PostageClass postageClass, String zone, int weight) {
        return postage.stream()
                .filter(r -> r.postageClass() == postageClass && r.zone().equals(zone) && r.maxWeightGrams() >= weight)
                .min(Comparator.comparingInt(PostageRate::maxWeightGrams));
    }

    public static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    /** This version as the event the print centre and the gateway consume. */
    public TariffVersionPublished toEvent(UUID eventId, Instant at) {
        return new TariffVersionPublished(eventId, at, tariffId, effectiveFrom, label, postage, envelopes, paperPerSheet,
                printPerSheet, handlingPerLetter, digitalPostFee, sheetWeightGrams, createdBy);
    }

    /** Same prices and date (who entered it and when do not matter): adding it again changes nothing. */
    public boolean samePrices(Tariff other) {
        return effectiveFrom.equals(other.effectiveFrom)
                && sameAmounts(paperPerSheet, other.paperPerSheet) && sameAmounts(printPerSheet, other.printPerSheet)
                && sameAmounts(handlingPerLetter, other.handlingPerLetter) && sameAmounts(digitalPostFee, other.digitalPostFee)
                && sheetWeightGrams == other.sheetWeightGrams
                && normalisedRates().equals(other.normalisedRates()) && normalisedEnvelopes().equals(other.normalisedEnvelopes());
    }

    private static boolean sameAmounts(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) == 0;
    }

    private List<String> normalisedRates() {
        return postage.stream().map(r -> r.postageClass() + "/" + r.zone() + "/" + r.maxWeightGrams() + "/"
                + r.price().stripTrailingZeros().toPlainString()).sorted().toList();
    }

    private List<String> normalisedEnvelopes() {
        return envelopes.stream().map(e -> e.size() + "/" + e.price().stripTrailingZeros().toPlainString() + "/"
                + e.weightGrams() + "/" + e.maxSheets()).sorted().toList();
    }
}
