package dk.brevrute.print.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdfwriter.COSWriter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Renders a batch's print-ready PDF and its manifest (CSV and JSON) with bounded memory: letters are
 * opened one at a time from disk, their pages written straight to the output ({@link PdfSpoolWriter})
 * and the letter closed before the next. Per envelope: the address carrier sheet if needed, then the
 * letters' pages; in duplex, a blank back wherever a letter (or the carrier) ends on a front; on the
 * front of every sheet the {@link SheetMark}. Files are written under a temporary name and moved
 * into place when complete, so a half-written batch is never picked up by the printer.
 */
public final class BatchRenderer {

    private static final PDRectangle A4 = PDRectangle.A4;
    private static final float LINE = 13f;
    private static final int MAX_WINDOW_LINES = 7;

    private final PDType1Font helvetica = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final Map<Integer, String> safeChars = new HashMap<>();

    public RenderResult render(RenderJob job, Path dir) throws IOException {
        Files.createDirectories(dir);
        String base = "batch-" + job.batchId();
        Path pdf = dir.resolve(base + ".pdf");
        Path csv = dir.resolve(base + "-manifest.csv");
        Path json = dir.resolve(base + "-manifest.json");
        Path pdfPart = dir.resolve(base + ".pdf.part");
        Path csvPart = dir.resolve(base + "-manifest.csv.part");
        Path jsonPart = dir.resolve(base + "-manifest.json.part");
        int letters = 0;
        long sheets = 0;
        long pages;
        try (PdfSpoolWriter writer = new PdfSpoolWriter(pdfPart);
                ManifestWriter manifest = new ManifestWriter(csvPart, jsonPart, job)) {
            for (RenderJob.Envelope envelope : job.envelopes()) {
                int envelopeSheets = RenderJob.sheets(envelope, job.duplex());
                long firstPage = writer.pageCount() + 1;
                PdfSpoolWriter.Group group = writer.startGroup();
                int sheet = 0;
                if (envelope.carrier()) {
                    sheet++;
                    writer.addPage(group, carrier(job, envelope, sheet, envelopeSheets));
                    if (job.duplex()) {
                        writer.addPage(group, blank());
                    }
                }
                long[] letterFirstPages = new long[envelope.letters().size()];
                int index = 0;
                for (RenderJob.Letter letter : envelope.letters()) {
                    letterFirstPages[index++] = writer.pageCount() + 1;
                    sheet = appendLetter(writer, group, job, envelope, letter, sheet, envelopeSheets);
                    writer.newScope();
                    letters++;
                }
                writer.endGroup(group);
                writer.newScope();
                if (sheet != envelopeSheets) {
                    throw new IOException("envelope " + envelope.seq() + " came out with " + sheet + " sheets, planned " + envelopeSheets);
                }
                sheets += envelopeSheets;
                manifest.envelope(envelope, firstPage, envelopeSheets, writer.pageCount() - firstPage + 1, letterFirstPages);
            }
            writer.finish();
            pages = writer.pageCount();
            manifest.finish(letters, sheets, pages);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(pdfPart);
            Files.deleteIfExists(csvPart);
            Files.deleteIfExists(jsonPart);
            throw e;
        }
        move(csvPart, csv);
        move(jsonPart, json);
        move(pdfPart, pdf);
        return new RenderResult(pdf, csv, json, job.envelopes().size(), letters, sheets, pages);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private int appendLetter(PdfSpoolWriter writer, PdfSpoolWriter.Group group, RenderJob job, RenderJob.Envelope envelope,
            RenderJob.Letter letter, int sheet, int envelopeSheets) throws IOException {
        try (PDDocument doc = Loader.loadPDF(letter.document().toFile(), IOUtils.createMemoryOnlyStreamCache())) {
            int n = doc.getNumberOfPages();
            if (n != letter.pages()) {
                throw new IOException("the document of letter " + letter.letterId() + " has " + n + " pages, not " + letter.pages());
            }
            for (int i = 0; i < n; i++) {
                boolean front = !job.duplex() || i % 2 == 0;
                SheetMark mark = null;
                if (front) {
                    sheet++;
                    mark = SheetMark.of(job.batchId(), envelope.seq(), sheet, envelopeSheets);
                }
                writer.addPage(group, copy(doc.getPage(i), mark));
            }
            if (job.duplex() && n % 2 == 1) {
                writer.addPage(group, blank());
            }
        }
        return sheet;
    }

    /** A fresh page dictionary for the source page: inherited attributes resolved, annotations left out. */
    private static COSDictionary copy(PDPage page, SheetMark mark) throws IOException {
        COSDictionary source = page.getCOSObject();
        COSDictionary d = new COSDictionary();
        d.setItem(COSName.TYPE, COSName.PAGE);
        d.setItem(COSName.MEDIA_BOX, page.getMediaBox().getCOSArray());
        if (source.containsKey(COSName.CROP_BOX)) {
            d.setItem(COSName.CROP_BOX, page.getCropBox().getCOSArray());
        }
        if (page.getRotation() != 0) {
            d.setInt(COSName.ROTATE, page.getRotation());
        }
        COSBase resources = source.getItem(COSName.RESOURCES);
        d.setItem(COSName.RESOURCES, resources != null ? resources : page.getResources().getCOSObject());
        for (COSName key : List.of(COSName.GROUP, COSName.USER_UNIT)) {
            if (source.containsKey(key)) {
                d.setItem(key, source.getItem(key));
            }
        }
        COSArray contents = new COSArray();
        if (mark != null) {
            contents.add(stream("q\n".getBytes(StandardCharsets.US_ASCII)));
        }
        COSBase raw = source.getItem(COSName.CONTENTS);
        COSBase resolved = raw instanceof COSObject o ? o.getObject() : raw;
        if (resolved instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                contents.add(array.get(i));
            }
        } else if (raw != null) {
            contents.add(raw);
        }
        if (mark != null) {
            PDRectangle box = page.getMediaBox();
            ByteArrayOutputStream ops = new ByteArrayOutputStream();
            ops.write("Q\n".getBytes(StandardCharsets.US_ASCII));
            ops.write(mark.operators(box.getLowerLeftX() + SheetMark.X, box.getLowerLeftY() + SheetMark.Y));
            contents.add(stream(ops.toByteArray()));
        }
        d.setItem(COSName.CONTENTS, contents);
        return d;
    }

    private static COSDictionary blank() {
        COSDictionary d = new COSDictionary();
        d.setItem(COSName.TYPE, COSName.PAGE);
        d.setItem(COSName.MEDIA_BOX, A4.getCOSArray());
        d.setItem(COSName.RESOURCES, new COSDictionary());
        return d;
    }

    /** The address carrier: the address in the window area, a line for the operators above it, the mark. */
    private COSDictionary carrier(RenderJob job, RenderJob.Envelope envelope, int sheet, int sheets) throws IOException {
        ByteArrayOutputStream ops = new ByteArrayOutputStream();
        float height = A4.getHeight();
        WindowArea window = job.window();
        float x = WindowArea.pt(window.leftMm() + 5);
        float y = height - WindowArea.pt(window.topMm() + 7);
        List<String> lines = envelope.addressLines();
        for (int i = 0; i < lines.size() && i < MAX_WINDOW_LINES; i++) {
            text(ops, 11, x, y - i * LINE, lines.get(i));
        }
        String info = "Brevrute batch " + job.batchId().toString().substring(0, 8) + " / kuvert " + envelope.seq() + " / "
                + sheets + (sheets == 1 ? " ark" : " ark i alt") + " / " + job.postageClass() + "-post " + job.envelopeSize();
        text(ops, 7, WindowArea.pt(window.leftMm()), height - WindowArea.pt(15), info);
        ops.write(SheetMark.of(job.batchId(), envelope.seq(), sheet, sheets).operators(SheetMark.X, SheetMark.Y));
        COSDictionary font = new COSDictionary();
        font.setItem(COSName.getPDFName("F1"), helvetica.getCOSObject());
        COSDictionary resources = new COSDictionary();
        resources.setItem(COSName.FONT, font);
        COSDictionary d = new COSDictionary();
        d.setItem(COSName.TYPE, COSName.PAGE);
        d.setItem(COSName.MEDIA_BOX, A4.getCOSArray());
        d.setItem(COSName.RESOURCES, resources);
        d.setItem(COSName.CONTENTS, stream(ops.toByteArray()));
        return d;
    }

    private void text(OutputStream ops, float size, float x, float y, String text) throws IOException {
        ops.write(String.format(Locale.ROOT, "BT /F1 %.1f Tf 1 0 0 1 %.2f %.2f Tm ", size, x, y).getBytes(StandardCharsets.US_ASCII));
        COSWriter.writeString(helvetica.encode(printable(text)), ops);
        ops.write(" Tj ET\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** The text with every character Helvetica (WinAnsi) cannot show replaced by its base letter, or '?'. */
    String printable(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> sb.append(safeChars.computeIfAbsent(cp, this::safe)));
        return sb.toString();
    }

    private String safe(int cp) {
        String s = new String(Character.toChars(cp));
        if (encodable(s)) {
            return s;
        }
        String base = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return !base.isEmpty() && encodable(base) ? base : "?";
    }

    private boolean encodable(String s) {
        try {
            helvetica.encode(s);
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    /** A Flate-compressed content stream. */
    private static COSStream stream(byte[] content) throws IOException {
        COSStream s = new COSStream();
        try (OutputStream o = s.createOutputStream(COSName.FLATE_DECODE)) {
            o.write(content);
        }
        return s;
    }
}
