package dk.brevrute.print.render;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * What the renderer needs to write one batch's print file and manifest: the envelopes in print
 * order (sorted by postcode), each with its letters' documents. Plain data, so the renderer can run
 * in its own process (see {@link RendererMain}).
 */
public record RenderJob(
        UUID batchId,
        String postageClass,
        String envelopeSize,
        boolean duplex,
        WindowArea window,
        String tariffId,
        List<Envelope> envelopes) {

    /**
     * One envelope. {@code carrier}: an address carrier sheet goes first, showing
     * {@code addressLines} in the window; otherwise the first letter's first page shows its own
     * address there. Amounts may be null when no tariff was in force.
     */
    public record Envelope(
            int seq,
            boolean carrier,
            List<String> addressLines,
            String zone,
            String country,
            String postcode,
            Integer weightGrams,
            BigDecimal postage,
            List<Letter> letters) {
    }

    /** One letter: its document on disk, its page count as submitted, and what it costs. */
    public record Letter(
            UUID letterId,
            String department,
            Path document,
            int pages,
            BigDecimal postage,
            BigDecimal materialCost,
            BigDecimal consolidationSaving) {
    }

    /** Sheets a document of {@code pages} pages takes. */
    public static int sheets(int pages, boolean duplex) {
        return duplex ? (pages + 1) / 2 : pages;
    }

    /** Sheets in an envelope: the carrier sheet, if any, and each letter on its own sheets. */
    public static int sheets(Envelope e, boolean duplex) {
        int sheets = e.carrier() ? 1 : 0;
        for (Letter l : e.letters()) {
            sheets += sheets(l.pages(), duplex);
        }
        return sheets;
    }
}
