package dk.brevrute.intake.extraction;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** A4 letters made with PDFBox in the tests: text placed in millimetres from the sheet's top left corner. */
public final class TestLetters {

    private final List<Object[]> texts = new ArrayList<>();

    public static TestLetters letter() {
        return new TestLetters();
    }

    /** Lines starting {@code topMm} from the top (baseline), 4.6 mm apart, {@code leftMm} from the left. */
    public TestLetters at(double leftMm, double topMm, String... lines) {
        double y = topMm;
        for (String line : lines) {
            texts.add(new Object[] {leftMm, y, line});
            y += 4.6;
        }
        return this;
    }

    /** The address block where a C5/DL window shows it (25 mm from the left, from 52 mm down). */
    public TestLetters window(String... lines) {
        return at(25, 52, lines);
    }

    /** Body text well below the window. */
    public TestLetters body(String... lines) {
        return at(25, 110, lines);
    }

    public byte[] pdf() {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            float height = PDRectangle.A4.getHeight();
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                for (Object[] t : texts) {
                    cs.beginText();
                    cs.setFont(font, 11);
                    cs.newLineAtOffset(mm((Double) t[0]), height - mm((Double) t[1]));
                    cs.showText((String) t[2]);
                    cs.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static float mm(double mm) {
        return (float) (mm / 25.4 * 72);
    }
}
