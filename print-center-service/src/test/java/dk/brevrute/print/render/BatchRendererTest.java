package dk.brevrute.print.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.brevrute.testinfra.SamplePdfs;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The print file of a small batch, read back: it opens, its page count is the manifest's sheets ×
 * sides, every sheet's mark gives its envelope and "sheet i of n", blank backs carry none, and the
 * window area of each carrier sheet shows that envelope's address.
 */
class BatchRendererTest {

    @TempDir
    Path dir;

    @Test
    void duplexBatchReadsBack() throws Exception {
        checkBatch(true);
    }

    @Test
    void simplexBatchReadsBack() throws Exception {
        checkBatch(false);
    }

    private void checkBatch(boolean duplex) throws Exception {
        Path withAddress3 = write("own-3.pdf", SamplePdfs.letter(3));
        Path plain1 = write("plain-1.pdf", SamplePdfs.letter(1, List.of(), "Uden adresse"));
        Path plain2 = write("plain-2.pdf", SamplePdfs.letter(2, List.of(), "Uden adresse"));
        UUID batch = UUID.randomUUID();
        List<RenderJob.Envelope> envelopes = new ArrayList<>();
        envelopes.add(envelope(1, false, List.of(), "1165", letter(withAddress3, 3)));
        envelopes.add(envelope(2, true, List.of("Åse Ærø", "Østergade 2, 1. th.", "2100 København Ø"), "2100",
                letter(plain1, 1), letter(plain2, 2)));
        envelopes.add(envelope(3, true, List.of("Karin Berg", "Storgatan 1", "111 22 Stockholm", "SWEDEN"), "111 22",
                letter(plain2, 2)));
        RenderJob job = new RenderJob(batch, "B", "C5", duplex, WindowArea.DIN_C5, "2026-01", envelopes);

        RenderResult result = new BatchRenderer().render(job, dir.resolve("out"));

        JsonNode manifest = new ObjectMapper().readTree(result.manifestJson().toFile());
        int sides = duplex ? 2 : 1;
        long sheets = manifest.get("sheets").asLong();
        assertEquals(duplex ? 2 + (1 + 1 + 1) + (1 + 1) : 3 + (1 + 1 + 2) + (1 + 2), sheets);
        assertEquals(sheets * sides, manifest.get("pages").asLong());
        assertEquals(3, manifest.get("envelopes").asInt());
        assertEquals(4, manifest.get("letters").asInt());
        assertEquals(1 + 4, Files.readAllLines(result.manifestCsv()).size());
        try (PDDocument doc = Loader.loadPDF(result.pdf().toFile())) {
            assertEquals(sheets * sides, doc.getNumberOfPages());
            for (JsonNode e : manifest.get("envelopeList")) {
                int seq = e.get("seq").asInt();
                int first = e.get("firstPage").asInt() - 1;
                int envSheets = e.get("sheets").asInt();
                for (int s = 0; s < envSheets; s++) {
                    SheetMark mark = PrintFiles.mark(doc, first + s * sides);
                    assertNotNull(mark, "mark on envelope " + seq + " sheet " + (s + 1));
                    assertEquals(new SheetMark(batch.toString().substring(0, 8), seq, s + 1, envSheets), mark);
                    if (duplex) {
                        assertNull(PrintFiles.mark(doc, first + s * sides + 1), "no mark on a back");
                    }
                }
                RenderJob.Envelope spec = envelopes.get(seq - 1);
                List<String> window = PrintFiles.windowText(doc, first, WindowArea.DIN_C5);
                if (spec.carrier()) {
                    assertEquals(spec.addressLines(), window);
                } else {
                    assertEquals(List.of("Jens Hansen", "Nørregade 1, 2. tv.", "1165 København K"), window);
                }
            }
        }
        assertTrue(Files.list(result.pdf().getParent()).noneMatch(p -> p.toString().endsWith(".part")));
    }

    private Path write(String name, byte[] pdf) throws IOException {
        return Files.write(dir.resolve(name), pdf);
    }

    private static RenderJob.Envelope envelope(int seq, boolean carrier, List<String> address, String postcode,
            RenderJob.Letter... letters) {
        return new RenderJob.Envelope(seq, carrier, address, "DK", "DK", postcode, 20, new BigDecimal("13.20"), List.of(letters));
    }

    private static RenderJob.Letter letter(Path pdf, int pages) {
        return new RenderJob.Letter(UUID.randomUUID(), "BUF", pdf, pages, new BigDecimal("13.20"), new BigDecimal("1.50"), BigDecimal.ZERO);
    }
}
