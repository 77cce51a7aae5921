package dk.brevrute.print.address;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import dk.brevrute.events.PostalAddress;
import dk.brevrute.print.render.WindowArea;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripperByArea;

/** The address a letter shows in the envelope window: text in the window area of its first page. */
public final class WindowAddressReader {

    private final WindowArea window;

    public WindowAddressReader(WindowArea window) {
        this.window = window;
    }

    public Optional<PostalAddress> read(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            if (doc.getNumberOfPages() == 0) {
                return Optional.empty();
            }
            PDFTextStripperByArea stripper = new PDFTextStripperByArea();
            stripper.setSortByPosition(true);
            stripper.addRegion("window", window.fromTopInPoints());
            stripper.extractRegions(doc.getPage(0));
            List<String> lines = stripper.getTextForRegion("window").lines().toList();
            return Addresses.parse(lines);
        }
    }
}
