package dk.brevrute.intake.extraction;

import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dk.brevrute.events.PostalAddress;
import dk.brevrute.events.Recipient;
import dk.brevrute.intake.validation.CprNumber;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.PDFTextStripperByArea;

/**
 * Reads who a printed letter is for from its first page (Apache PDFBox text extraction by area):
 * a CPR number next to a CPR label ("CPR-nr.", "Cpr.nr.", "CPR nr", "Personnummer", any case) or in
 * the envelope window, the postal address from the window, and the subject from a "Vedr.:", "Om:" or
 * "Emne:" line. Exactly one valid CPR number: the letter is for that citizen; none but a complete
 * address in the window: an address-only letter; anything else (two CPR numbers, a number that is
 * no real date, text across the window's edge, nothing usable) goes to review. It never guesses.
 */
public final class RecipientExtractor {

    /** Why a letter needs a person to read its recipient. */
    public enum ReviewReason {
        /** A CPR-shaped number next to a label or in the window is not a real date. */
        CPR_INVALID,
        /** The letter shows more than one CPR number. */
        SEVERAL_CPR,
        /** Text crosses the edge of the envelope window, so the window would not show the address whole. */
        ADDRESS_OUTSIDE_WINDOW,
        /** No CPR number, and nothing in the envelope window. */
        NO_ADDRESS_IN_WINDOW,
        /** No CPR number, and the window lacks a name, a street or a 4-digit postcode and city. */
        ADDRESS_INCOMPLETE,
        /** Page 1 cannot be read. */
        UNREADABLE
    }

    /** The envelope window on the sheet, in millimetres from its top left corner. */
    public record Window(double leftMm, double topMm, double widthMm, double heightMm) {
    }

    /**
     * What page 1 says: the recipient, or why it needs review; the subject line if any; the window's
     * lines and the page's text (for the reviewer); an address parsed as far as it goes (to prefill).
     */
    public record Extraction(Recipient recipient, ReviewReason reviewReason, String subject, List<String> windowLines,
            String pageText, PostalAddress suggestedAddress) {

        public boolean needsReview() {
            return recipient == null;
        }
    }

    static final Pattern LABELLED_CPR = Pattern.compile(
            "(?iu)(?<!\\p{L})(?:cpr(?:[\\s.\\-]*(?:nr|nummer))?|personnummer|person[\\s.\\-]*nr)[\\s.:]*([0-9][0-9\\-]*)");
    static final Pattern CPR_SHAPED = Pattern.compile("(?<![0-9])([0-9]{6}-?[0-9]{4})(?![0-9])");
    static final Pattern CPR_LABEL = Pattern.compile("(?iu)(?<!\\p{L})(?:cpr|personnummer|person[\\s.\\-]*nr)(?!\\p{L})");
    static final Pattern POSTCODE_CITY = Pattern.compile("(?u)^(?:DK-?\\s*)?([0-9]{4})\\s+(\\p{L}.*)$");
    static final Pattern SUBJECT = Pattern.compile("(?iu)^\\s*(?:vedr(?:\\.|ørende)?|om|emne)\\s*:\\s*(.+?)\\s*$");
    static final Pattern RETURN_ADDRESS = Pattern.compile("(?iu)^(?:afs(?:ender)?\\.?|retur(?:adresse)?)\\s*:|,\\s*(?:DK-?)?[0-9]{4}\\s+\\p{L}");
    static final int SUBJECT_MAX = 200;

    private final Window window;
    private final double marginMm;

    public RecipientExtractor(Window window, double edgeMarginMm) {
        this.window = window;
        this.marginMm = edgeMarginMm;
    }

    public Extraction extract(byte[] pdf) {
        String windowText;
        String marginText;
        String pageText;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            if (doc.getNumberOfPages() == 0) {
                return review(ReviewReason.UNREADABLE, null, List.of(), "", null);
            }
            PDPage page = doc.getPage(0);
            windowText = textIn(page, rectangle(window.leftMm(), window.topMm(), window.widthMm(), window.heightMm()));
            marginText = textIn(page, rectangle(window.leftMm() - marginMm, window.topMm() - marginMm,
                    window.widthMm() + 2 * marginMm, window.heightMm() + 2 * marginMm));
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setStartPage(1);
            stripper.setEndPage(1);
            pageText = stripper.getText(doc);
        } catch (IOException | RuntimeException e) {
            return review(ReviewReason.UNREADABLE, null, List.of(), "", null);
        }
        return decide(windowText, marginText, pageText);
    }

    /** One stripper per area: overlapping regions in one stripper would each miss the characters the other took. */
    private static String textIn(PDPage page, Rectangle2D area) throws IOException {
        PDFTextStripperByArea stripper = new PDFTextStripperByArea();
        stripper.setSortByPosition(true);
        stripper.addRegion("area", area);
        stripper.extractRegions(page);
        return stripper.getTextForRegion("area");
    }

    static Extraction decide(String windowText, String marginText, String pageText) {
        List<String> windowLines = lines(windowText);
        List<String> pageLines = lines(pageText);
        String subject = subject(pageLines);

        Set<String> valid = new LinkedHashSet<>();
        boolean invalid = false;
        for (String line : pageLines) {
            Matcher m = LABELLED_CPR.matcher(line);
            while (m.find()) {
                var cpr = CprNumber.parse(m.group(1));
                if (cpr.isPresent()) {
                    valid.add(cpr.get().digits());
                } else {
                    invalid = true;
                }
            }
        }
        List<String> addressLines = new ArrayList<>();
        for (String line : windowLines) {
            Matcher m = CPR_SHAPED.matcher(line);
            boolean cprLine = CPR_LABEL.matcher(line).find();
            while (m.find()) {
                cprLine = true;
                var cpr = CprNumber.parse(m.group(1));
                if (cpr.isPresent()) {
                    valid.add(cpr.get().digits());
                } else {
                    invalid = true;
                }
            }
            if (!cprLine) {
                addressLines.add(line);
            }
        }
        PostalAddress address = address(addressLines);
        PostalAddress suggested = address != null ? address : suggest(addressLines);
        if (invalid) {
            return review(ReviewReason.CPR_INVALID, subject, windowLines, pageText, suggested);
        }
        if (valid.size() > 1) {
            return review(ReviewReason.SEVERAL_CPR, subject, windowLines, pageText, suggested);
        }
        if (!normalise(windowText).equals(normalise(marginText))) {
            return review(ReviewReason.ADDRESS_OUTSIDE_WINDOW, subject, windowLines, pageText, suggested);
        }
        if (valid.size() == 1) {
            return new Extraction(new Recipient(Recipient.RecipientType.CPR, valid.iterator().next(), null, address), null,
                    subject, windowLines, pageText, address);
        }
        if (address != null) {
            return new Extraction(new Recipient(Recipient.RecipientType.ADDRESS, null, null, address), null, subject, windowLines,
                    pageText, address);
        }
        return review(windowLines.isEmpty() ? ReviewReason.NO_ADDRESS_IN_WINDOW : ReviewReason.ADDRESS_INCOMPLETE, subject,
                windowLines, pageText, suggested);
    }

    private static Extraction review(ReviewReason reason, String subject, List<String> windowLines, String pageText,
            PostalAddress suggested) {
        return new Extraction(null, reason, subject, windowLines, pageText, suggested);
    }

    /** A Danish address block: name, street (lines between go to the supplement), postcode and city, optionally "Danmark". */
    static PostalAddress address(List<String> lines) {
        List<String> block = withoutReturnAddress(lines);
        int postcodeLine = -1;
        for (int i = 0; i < block.size(); i++) {
            if (POSTCODE_CITY.matcher(block.get(i)).matches()) {
                postcodeLine = i;
            }
        }
        if (postcodeLine < 2 || block.size() > 8) {
            return null;
        }
        for (String after : block.subList(postcodeLine + 1, block.size())) {
            if (!after.equalsIgnoreCase("Danmark") && !after.equalsIgnoreCase("Denmark")) {
                return null;
            }
        }
        String name = block.get(0);
        String street = block.get(postcodeLine - 1);
        if (!hasLetter(name) || !hasLetter(street)) {
            return null;
        }
        Matcher pc = POSTCODE_CITY.matcher(block.get(postcodeLine));
        pc.matches();
        String supplement = postcodeLine > 2 ? String.join(", ", block.subList(1, postcodeLine - 1)) : null;
        return new PostalAddress(name, street, supplement, pc.group(1), pc.group(2).strip(), "DK");
    }

    /** The window's lines as far as they go, for a reviewer to complete. */
    private static PostalAddress suggest(List<String> lines) {
        List<String> block = withoutReturnAddress(lines);
        if (block.isEmpty()) {
            return null;
        }
        String name = block.get(0);
        String street = block.size() > 1 ? block.get(1) : null;
        String postcode = null;
        String city = null;
        for (String line : block) {
            Matcher m = POSTCODE_CITY.matcher(line);
            if (m.matches()) {
                postcode = m.group(1);
                city = m.group(2).strip();
            }
        }
        return new PostalAddress(name, street, null, postcode, city, "DK");
    }

    private static List<String> withoutReturnAddress(List<String> lines) {
        List<String> block = new ArrayList<>(lines);
        while (!block.isEmpty() && RETURN_ADDRESS.matcher(block.get(0)).find()) {
            block.remove(0);
        }
        return block;
    }

    static String subject(List<String> pageLines) {
        for (String line : pageLines) {
            Matcher m = SUBJECT.matcher(line);
            if (m.matches() && !m.group(1).isBlank()) {
                String s = m.group(1).strip();
                return s.codePointCount(0, s.length()) > SUBJECT_MAX ? s.substring(0, s.offsetByCodePoints(0, SUBJECT_MAX)) : s;
            }
        }
        return null;
    }

    private static boolean hasLetter(String s) {
        return s.codePoints().anyMatch(Character::isLetter);
    }

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String s = line.strip().replaceAll("\\s+", " ");
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static String normalise(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static Rectangle2D rectangle(double leftMm, double topMm, double widthMm, double heightMm) {
        return new Rectangle2D.Double(points(leftMm), points(topMm), points(widthMm), points(heightMm));
    }

    private static double points(double mm) {
        return mm / 25.4 * 72;
    }
}
