package dk.brevrute.print.batch;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import dk.brevrute.print.render.RenderJob;
import dk.brevrute.print.tariff.Tariff;

/** Prices an envelope with a tariff version and writes each letter's share onto the letter. */
final class Pricing {

    /** Running totals of a batch; postage is null as soon as one envelope could not be priced. */
    static final class Totals {
        private BigDecimal postage = BigDecimal.ZERO;
        private long weight;
        private boolean complete = true;

        BigDecimal postage() {
            return complete ? postage : null;
        }

        Long weight() {
            return complete ? weight : null;
        }
    }

    private Pricing() {
    }

    /** Returns false when the tariff has no rate for the envelope (or there is no tariff). */
    static boolean apply(Optional<Tariff> tariff, PrintBatch b, PrintEnvelope e, List<PrintLetter> letters, boolean duplex, Totals totals) {
        List<Tariff.LetterSheets> sheets = letters.stream()
                .map(l -> new Tariff.LetterSheets(RenderJob.sheets(l.pages, duplex), !l.showsOwnAddress())).toList();
        Optional<Tariff.EnvelopeCost> cost = tariff.flatMap(t -> t.price(b.postageClass, e.zone, b.envelopeSize, e.sheets, sheets));
        if (cost.isEmpty()) {
            totals.complete = false;
            e.weightGrams = tariff.map(t -> t.weight(e.sheets, b.envelopeSize)).orElse(null);
            e.postage = null;
            for (int i = 0; i < letters.size(); i++) {
                PrintLetter l = letters.get(i);
                l.letterSheets = sheets.get(i).sheets() + (i == 0 ? e.sheets - sheets.stream().mapToInt(Tariff.LetterSheets::sheets).sum() : 0);
                l.postage = null;
                l.materialCost = null;
                l.consolidationSaving = null;
                l.tariffId = null;
            }
            return false;
        }
        Tariff.EnvelopeCost c = cost.get();
        e.weightGrams = c.weightGrams();
        e.postage = c.postage();
        totals.postage = totals.postage.add(c.postage());
        totals.weight += c.weightGrams();
        for (int i = 0; i < letters.size(); i++) {
            PrintLetter l = letters.get(i);
            Tariff.LetterCost lc = c.letters().get(i);
            l.letterSheets = lc.sheets();
            l.postage = lc.postage();
            l.materialCost = lc.materialCost();
            l.consolidationSaving = lc.saving();
            l.tariffId = tariff.get().id();
        }
        return true;
    }
}
