package dk.brevrute.print.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.datamatrix.DataMatrixReader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripperByArea;

/** Reads a print file back as the print centre's machines would: the sheet marks and the window text. */
public final class PrintFiles {

    private static final float SCALE = 2f; // 144 dpi: a mark module is 3 pixels

    private PrintFiles() {
    }

    /** The mark on a page, or null when the page has none (a back). */
    public static SheetMark mark(PDDocument doc, int pageIndex) throws IOException {
        BufferedImage image = new PDFRenderer(doc).renderImage(pageIndex, SCALE, ImageType.RGB);
        int size = (int) Math.ceil(SheetMark.extent(40) * SCALE);
        int x = (int) (SheetMark.X * SCALE) - 4;
        int bottom = image.getHeight() - (int) (SheetMark.Y * SCALE) + 4;
        int top = Math.max(0, bottom - size);
        int w = Math.min(size, image.getWidth() - x);
        int[] pixels = image.getRGB(x, top, w, bottom - top, null, 0, w);
        RGBLuminanceSource source = new RGBLuminanceSource(w, bottom - top, pixels);
        try {
            Result r = new DataMatrixReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
                    Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE));
            return SheetMark.parse(r.getText());
        } catch (NotFoundException e) {
            return null;
        } catch (com.google.zxing.ChecksumException | com.google.zxing.FormatException e) {
            throw new AssertionError("unreadable mark on page " + (pageIndex + 1), e);
        }
    }

    /** The text in the envelope window of a page, as lines. */
    public static List<String> windowText(PDDocument doc, int pageIndex, WindowArea window) throws IOException {
        PDFTextStripperByArea stripper = new PDFTextStripperByArea();
        stripper.setSortByPosition(true);
        stripper.addRegion("window", window.fromTopInPoints());
        stripper.extractRegions(doc.getPage(pageIndex));
        return stripper.getTextForRegion("window").lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
