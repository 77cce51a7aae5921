package dk.brevrute.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.brevrute.events.Department;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** Every letter its own A4 PDF of its planned pages, with the recipient and the date in its text. */
class LetterPdfTest {

    private static final LocalDate DATE = LocalDate.of(2026, 3, 5);
    private static final Department BUF = Department.defaults().stream().filter(d -> d.id().equals("BUF")).findFirst().orElseThrow();

    @Test
    void distinctA4LettersWithRecipientAndDate() throws Exception {
        List<PlannedLetter> plan = Mix.generate(60, 1, "kafka", 5, List.of("BUF"), "t");
        Set<String> hashes = new HashSet<>();
        for (PlannedLetter l : plan) {
            byte[] pdf = LetterPdf.render(l, BUF, DATE);
            hashes.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf)));
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                assertEquals(l.pages(), doc.getNumberOfPages());
                for (PDPage page : doc.getPages()) {
                    assertEquals(595, Math.round(page.getMediaBox().getWidth()));
                    assertEquals(842, Math.round(page.getMediaBox().getHeight()));
                }
                String text = new PDFTextStripper().getText(doc);
                String name = Recipients.address(l).get(0);
                assertTrue(text.contains("Kære " + name), "salutation names the recipient");
                assertTrue(text.contains("5. marts 2026"), "the letter's date");
                assertTrue(text.contains("Side " + l.pages() + " af " + l.pages()));
                assertEquals(l.windowAddress(), text.contains(Recipients.address(l).get(1)), "window address only when planned");
                if (l.cpr() != null) {
                    assertFalse(text.contains(l.cpr()), "no CPR number in the letter");
                }
            }
        }
        assertEquals(plan.size(), hashes.size(), "one distinct PDF per letter");
    }

    @Test
    void wrappedLinesStayWithinTheMargin() {
        for (String line : LetterPdf.wrap("Vi har modtaget din henvendelse og har nu behandlet sagen. ".repeat(10))) {
            assertTrue(line.length() <= 92, line);
        }
    }
}
