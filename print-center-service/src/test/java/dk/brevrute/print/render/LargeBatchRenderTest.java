package dk.brevrute.print.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.brevrute.testinfra.SamplePdfs;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 10,000-letter batch rendered in a JVM of its own limited to 256 MB of heap: the renderer streams
 * the print file to disk, so the heap does not grow with the batch. Checks the process succeeded, the
 * file opens with as many pages as the manifest says, and samples marks and carrier addresses.
 */
class LargeBatchRenderTest {

    private static final int LETTERS = 10_000;

    @TempDir
    Path dir;

    @Test
    void tenThousandLettersRenderInA256MbHeap() throws Exception {
        List<Path> ownAddress = new ArrayList<>();
        List<Path> plain = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int pages = 1 + i % 3;
            ownAddress.add(Files.write(dir.resolve("own-" + i + ".pdf"),
                    SamplePdfs.letter(pages, List.of("Modtager " + i, "Vej " + i, (1000 + i) + " By"), "Brev " + i)));
            plain.add(Files.write(dir.resolve("plain-" + i + ".pdf"), SamplePdfs.letter(1 + (i + 1) % 4, List.of(), "Brev " + i)));
        }
        UUID batch = UUID.randomUUID();
        List<RenderJob.Envelope> envelopes = new ArrayList<>();
        int letters = 0;
        int seq = 0;
        while (letters < LETTERS) {
            seq++;
            boolean carrier = seq % 2 == 0;
            List<RenderJob.Letter> inEnvelope = new ArrayList<>();
            int count = carrier && seq % 10 == 0 && letters + 2 <= LETTERS ? 2 : 1; // some consolidated envelopes
            for (int k = 0; k < count; k++) {
                int pick = (seq + k) % 8;
                Path pdf = carrier ? plain.get(pick) : ownAddress.get(pick);
                int pages = carrier ? 1 + (pick + 1) % 4 : 1 + pick % 3;
                inEnvelope.add(new RenderJob.Letter(UUID.randomUUID(), "BUF", pdf, pages, new BigDecimal("13.20"),
                        new BigDecimal("1.20"), BigDecimal.ZERO));
            }
            letters += count;
            envelopes.add(new RenderJob.Envelope(seq, carrier,
                    carrier ? List.of("Borger " + seq, "Gade " + seq, "2100 København Ø") : List.of(), "DK", "DK", "2100", 20,
                    new BigDecimal("13.20"), inEnvelope));
        }
        RenderJob job = new RenderJob(batch, "B", "C5", true, WindowArea.DIN_C5, "2026-01", envelopes);
        Path jobFile = dir.resolve("job.json");
        new ObjectMapper().findAndRegisterModules().writeValue(jobFile.toFile(), job);
        Path out = dir.resolve("out");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                RendererMain.class.getName(), jobFile.toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("renderer.log").toFile()).start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String log = Files.readString(dir.resolve("renderer.log"));
        assertTrue(done, "renderer did not finish in time: " + log);
        assertEquals(0, p.exitValue(), log);
        System.out.println(log);

        JsonNode manifest = new ObjectMapper().readTree(out.resolve("batch-" + batch + "-manifest.json").toFile());
        assertEquals(LETTERS, manifest.get("letters").asInt());
        assertEquals(envelopes.size(), manifest.get("envelopes").asInt());
        long sheets = manifest.get("sheets").asLong();
        assertEquals(sheets * 2, manifest.get("pages").asLong());
        try (PDDocument doc = Loader.loadPDF(out.resolve("batch-" + batch + ".pdf").toFile())) {
            assertEquals(sheets * 2, doc.getNumberOfPages());
            JsonNode list = manifest.get("envelopeList");
            for (int i : new int[] {0, 1, list.size() / 2, list.size() / 2 + 1, list.size() - 1}) {
                JsonNode e = list.get(i);
                int first = e.get("firstPage").asInt() - 1;
                int n = e.get("sheets").asInt();
                SheetMark last = PrintFiles.mark(doc, first + (n - 1) * 2);
                assertNotNull(last);
                assertEquals(new SheetMark(batch.toString().substring(0, 8), e.get("seq").asInt(), n, n), last);
                if (e.get("carrierSheet").asBoolean()) {
                    assertEquals(envelopes.get(i).addressLines(), PrintFiles.windowText(doc, first, WindowArea.DIN_C5));
                }
            }
        }
    }
}
