package dk.brevrute.print.tariff;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dk.brevrute.events.PostageClass;
import dk.brevrute.events.TariffVersionPublished;
import dk.brevrute.events.TariffVersionPublished.EnvelopeRate;
import dk.brevrute.events.TariffVersionPublished.PostageRate;

/**
 * One tariff version and what the print centre prices with it. Postage: the rate of the class and
 * zone for the lightest weight class the envelope fits; a foreign zone without an economy (B) rate
 * goes at the priority (A) rate, as international letters do. Material: envelope, paper and print
 * per sheet, handling per envelope.
 */
public record Tariff(TariffVersionPublished version) {

    /** Priced envelope: total postage and material, and each letter's share. */
    public record EnvelopeCost(int weightGrams, BigDecimal postage, BigDecimal materialCost, List<LetterCost> letters) {
    }

    /** A letter's share of its envelope, and what it saved by sharing it. */
    public record LetterCost(int sheets, BigDecimal postage, BigDecimal materialCost, BigDecimal saving) {
    }

    /** A letter to price: its own sheets, and whether alone it would need a carrier sheet. */
    public record LetterSheets(int sheets, boolean needsCarrierAlone) {
    }

    public String id() {
        return version.tariffId();
    }

    public Optional<EnvelopeRate> envelope(String size) {
        return version.envelopes().stream().filter(e -> e.size().equalsIgnoreCase(size)).findFirst();
    }

    public int weight(int sheets, String envelopeSize) {
        return sheets * version.sheetWeightGrams() + envelope(envelopeSize).map(EnvelopeRate::weightGrams).orElse(0);
    }

    public Optional<BigDecimal> postage(PostageClass postageClass, String zone, int weightGrams) {
        Optional<BigDecimal> rate = rate(postageClass, zone, weightGrams);
        if (rate.isEmpty() && postageClass == PostageClass.B && !zone.equals("DK")) {
            rate = rate(PostageClass.A, zone, weightGrams);
        }
        return rate;
    }

    private Optional<BigDecimal> rate(PostageClass postageClass, String zone, int weightGrams) {
        return version.postage().stream()
                .filter(r -> r.postageClass() == postageClass && r.zone().equalsIgnoreCase(zone) && r.maxWeightGrams() >= weightGrams)
                .min(Comparator.comparingInt(PostageRate::maxWeightGrams))
                .map(PostageRate::price);
    }

    /**
     * Prices one envelope of {@code envelopeSheets} sheets (carrier included) holding
     * {@code letters}, and splits it: postage, envelope, handling and the carrier sheet equally (the
     * first letter takes the odd øre), each letter's own sheets to itself. A letter's saving is what
     * it would have cost alone in its own envelope minus its share.
     */
    public Optional<EnvelopeCost> price(PostageClass postageClass, String zone, String envelopeSize, int envelopeSheets,
            List<LetterSheets> letters) {
        int weight = weight(envelopeSheets, envelopeSize);
        Optional<BigDecimal> postage = postage(postageClass, zone, weight);
        Optional<EnvelopeRate> envelope = envelope(envelopeSize);
        if (postage.isEmpty() || envelope.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal perSheet = version.paperPerSheet().add(version.printPerSheet());
        int ownSheets = letters.stream().mapToInt(LetterSheets::sheets).sum();
        int sharedSheets = envelopeSheets - ownSheets;
        BigDecimal sharedMaterial = envelope.get().price().add(version.handlingPerLetter()).add(perSheet.multiply(BigDecimal.valueOf(sharedSheets)));
        List<BigDecimal> postageShares = split(postage.get(), letters.size());
        List<BigDecimal> materialShares = split(sharedMaterial, letters.size());
        List<LetterCost> costs = new ArrayList<>();
        BigDecimal material = sharedMaterial;
        for (int i = 0; i < letters.size(); i++) {
            LetterSheets l = letters.get(i);
            BigDecimal own = perSheet.multiply(BigDecimal.valueOf(l.sheets()));
            material = material.add(own);
            BigDecimal letterMaterial = scale(materialShares.get(i).add(own));
            BigDecimal saving = BigDecimal.ZERO.setScale(2);
            if (letters.size() > 1) {
                int aloneSheets = l.sheets() + (l.needsCarrierAlone() ? 1 : 0);
                Optional<BigDecimal> alonePostage = postage(postageClass, zone, weight(aloneSheets, envelopeSize));
                if (alonePostage.isPresent()) {
                    BigDecimal alone = alonePostage.get().add(envelope.get().price()).add(version.handlingPerLetter())
                            .add(perSheet.multiply(BigDecimal.valueOf(aloneSheets)));
                    saving = scale(alone.subtract(postageShares.get(i)).subtract(letterMaterial));
                }
            }
            int sheets = l.sheets() + (i == 0 ? sharedSheets : 0);
            costs.add(new LetterCost(sheets, postageShares.get(i), letterMaterial, saving));
        }
        return Optional.of(new EnvelopeCost(weight, scale(postage.get()), scale(material), costs));
    }

    /** {@code amount} in {@code n} shares of whole øre that add up to it; the first takes the remainder. */
    static List<BigDecimal> split(BigDecimal amount, int n) {
        BigDecimal total = scale(amount);
        BigDecimal share = total.divide(BigDecimal.valueOf(n), 2, RoundingMode.DOWN);
        BigDecimal first = total.subtract(share.multiply(BigDecimal.valueOf(n - 1)));
        List<BigDecimal> shares = new ArrayList<>(n);
        shares.add(first);
        for (int i = 1; i < n; i++) {
            shares.add(share);
        }
        return shares;
    }

    private static BigDecimal scale(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }
}
