package dk.brevrute.print.render;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The batch manifest for the print centre, written while the PDF is written: CSV with one row per
 * letter (its envelope's figures repeated), and JSON with envelopes and their letters. Page numbers
 * are those of the print file. No names or street addresses: only what sorting and franking need.
 */
final class ManifestWriter implements Closeable {

    static final String CSV_HEADER = "envelope_seq,first_page,envelope_pages,envelope_sheets,carrier_sheet,zone,country,postcode,"
            + "weight_grams,envelope_postage,letter_id,department,letter_first_page,letter_pages,letter_sheets,letter_postage,"
            + "material_cost,consolidation_saving";

    private final Writer csv;
    private final JsonGenerator json;
    private final RenderJob job;
    private BigDecimal postage = BigDecimal.ZERO;
    private boolean postageKnown = true;
    private long weight;

    ManifestWriter(Path csvFile, Path jsonFile, RenderJob job) throws IOException {
        this.job = job;
        csv = new BufferedWriter(Files.newBufferedWriter(csvFile, StandardCharsets.UTF_8), 1 << 16);
        csv.write(CSV_HEADER);
        csv.write('\n');
        json = new JsonFactory().createGenerator(Files.newOutputStream(jsonFile), JsonEncoding.UTF8);
        json.useDefaultPrettyPrinter();
        json.writeStartObject();
        json.writeStringField("batchId", job.batchId().toString());
        json.writeStringField("postageClass", job.postageClass());
        json.writeStringField("envelopeSize", job.envelopeSize());
        json.writeBooleanField("duplex", job.duplex());
        json.writeNumberField("sidesPerSheet", job.duplex() ? 2 : 1);
        if (job.tariffId() != null) {
            json.writeStringField("tariffId", job.tariffId());
        }
        json.writeArrayFieldStart("envelopeList");
    }

    void envelope(RenderJob.Envelope e, long firstPage, int sheets, long pages, long[] letterFirstPages) throws IOException {
        json.writeStartObject();
        json.writeNumberField("seq", e.seq());
        json.writeNumberField("firstPage", firstPage);
        json.writeNumberField("pages", pages);
        json.writeNumberField("sheets", sheets);
        json.writeBooleanField("carrierSheet", e.carrier());
        json.writeStringField("zone", e.zone());
        json.writeStringField("country", e.country());
        if (e.postcode() != null) {
            json.writeStringField("postcode", e.postcode());
        }
        if (e.weightGrams() != null) {
            json.writeNumberField("weightGrams", e.weightGrams());
            weight += e.weightGrams();
        }
        if (e.postage() != null) {
            json.writeNumberField("postage", e.postage());
            postage = postage.add(e.postage());
        } else {
            postageKnown = false;
        }
        json.writeArrayFieldStart("letters");
        for (int i = 0; i < e.letters().size(); i++) {
            RenderJob.Letter l = e.letters().get(i);
            int letterSheets = RenderJob.sheets(l.pages(), job.duplex());
            int letterPages = job.duplex() ? letterSheets * 2 : letterSheets;
            json.writeStartObject();
            json.writeStringField("letterId", l.letterId().toString());
            json.writeStringField("department", l.department());
            json.writeNumberField("firstPage", letterFirstPages[i]);
            json.writeNumberField("pages", letterPages);
            json.writeNumberField("sheets", letterSheets);
            amount("postage", l.postage());
            amount("materialCost", l.materialCost());
            amount("consolidationSaving", l.consolidationSaving());
            json.writeEndObject();
            csv.write(String.join(",", String.valueOf(e.seq()), String.valueOf(firstPage), String.valueOf(pages),
                    String.valueOf(sheets), String.valueOf(e.carrier()), e.zone(), e.country(), cell(e.postcode()),
                    e.weightGrams() == null ? "" : e.weightGrams().toString(), plain(e.postage()), l.letterId().toString(),
                    l.department(), String.valueOf(letterFirstPages[i]), String.valueOf(letterPages), String.valueOf(letterSheets),
                    plain(l.postage()), plain(l.materialCost()), plain(l.consolidationSaving())));
            csv.write('\n');
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    void finish(int letters, long sheets, long pages) throws IOException {
        json.writeEndArray();
        json.writeNumberField("envelopes", job.envelopes().size());
        json.writeNumberField("letters", letters);
        json.writeNumberField("sheets", sheets);
        json.writeNumberField("pages", pages);
        json.writeNumberField("weightGrams", weight);
        if (postageKnown) {
            json.writeNumberField("postage", postage);
        }
        json.writeEndObject();
    }

    private void amount(String field, BigDecimal value) throws IOException {
        if (value != null) {
            json.writeNumberField(field, value);
        }
    }

    private static String plain(BigDecimal v) {
        return v == null ? "" : v.toPlainString();
    }

    /** Postcodes are digits and letters; anything that could break a CSV row is quoted. */
    private static String cell(String v) {
        if (v == null) {
            return "";
        }
        return v.matches("[\\p{Alnum} -]*") ? v : "\"" + v.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() throws IOException {
        try {
            csv.close();
        } finally {
            json.close();
        }
    }
}
