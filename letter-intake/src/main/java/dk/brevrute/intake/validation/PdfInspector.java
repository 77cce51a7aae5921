package dk.brevrute.intake.validation;

import java.io.IOException;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.interactive.action.PDAction;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationFileAttachment;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;

/**
 * Checks that a document is a printable, safe PDF letter: it parses (Apache PDFBox), is not
 * encrypted, carries no JavaScript and no embedded files, has 1..maxPages pages, each A4 (either
 * orientation) within a tolerance.
 */
public final class PdfInspector {

    /** A4 in points. */
    static final float A4_WIDTH = 595.28f;
    static final float A4_HEIGHT = 841.89f;

    public record Result(int pages, List<String> notA4Pages) {
    }

    private final int maxPages;
    private final float tolerancePoints;

    public PdfInspector(int maxPages, double toleranceMillimetres) {
        this.maxPages = maxPages;
        this.tolerancePoints = (float) (toleranceMillimetres / 25.4 * 72);
    }

    /** Adds a violation for each problem; returns the page count when the PDF could be read. */
    public int inspect(byte[] pdf, String field, Violations violations) {
        if (pdf.length < 5 || !(pdf[0] == '%' && pdf[1] == 'P' && pdf[2] == 'D' && pdf[3] == 'F')) {
            violations.add(ViolationCode.DOCUMENT_NOT_PDF, field, "the document is not a PDF file");
            return 0;
        }
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            if (doc.isEncrypted()) {
                violations.add(ViolationCode.DOCUMENT_ENCRYPTED, field, "the PDF is encrypted");
            }
            PDDocumentCatalog catalog = doc.getDocumentCatalog();
            PDDocumentNameDictionary names = catalog.getNames();
            boolean javaScript = catalog.getOpenAction() instanceof PDActionJavaScript
                    || (names != null && names.getJavaScript() != null);
            boolean embedded = names != null && names.getEmbeddedFiles() != null;
            int pages = doc.getNumberOfPages();
            int notA4 = 0;
            int pageNo = 0;
            for (PDPage page : doc.getPages()) {
                pageNo++;
                if (!isA4(page.getMediaBox())) {
                    notA4++;
                    if (notA4 == 1) {
                        violations.add(ViolationCode.DOCUMENT_NOT_A4, field, "page " + pageNo + " is not A4 ("
                                + Math.round(page.getMediaBox().getWidth() / 72 * 25.4) + " x "
                                + Math.round(page.getMediaBox().getHeight() / 72 * 25.4) + " mm)");
                    }
                }
                for (PDAnnotation annotation : page.getAnnotations()) {
                    if (annotation instanceof PDAnnotationFileAttachment) {
                        embedded = true;
                    }
                    if (annotation instanceof PDAnnotationLink link && isJavaScript(link.getAction())) {
                        javaScript = true;
                    }
                }
                if (page.getActions() != null && (isJavaScript(page.getActions().getO()) || isJavaScript(page.getActions().getC()))) {
                    javaScript = true;
                }
            }
            if (javaScript) {
                violations.add(ViolationCode.DOCUMENT_JAVASCRIPT, field, "the PDF contains JavaScript");
            }
            if (embedded) {
                violations.add(ViolationCode.DOCUMENT_EMBEDDED_FILES, field, "the PDF contains embedded files");
            }
            if (pages == 0) {
                violations.add(ViolationCode.DOCUMENT_NO_PAGES, field, "the PDF has no pages");
            } else if (pages > maxPages) {
                violations.add(ViolationCode.DOCUMENT_TOO_MANY_PAGES, field, "the PDF has " + pages + " pages; at most " + maxPages + " are allowed");
            }
            return pages;
        } catch (InvalidPasswordException e) {
            violations.add(ViolationCode.DOCUMENT_ENCRYPTED, field, "the PDF is encrypted with a password");
            return 0;
        } catch (IOException | RuntimeException e) {
            violations.add(ViolationCode.DOCUMENT_NOT_PDF, field, "the PDF cannot be read (" + e.getClass().getSimpleName() + ")");
            return 0;
        }
    }

    private static boolean isJavaScript(PDAction action) {
        return action instanceof PDActionJavaScript;
    }

    private boolean isA4(PDRectangle box) {
        float w = box.getWidth();
        float h = box.getHeight();
        return (near(w, A4_WIDTH) && near(h, A4_HEIGHT)) || (near(w, A4_HEIGHT) && near(h, A4_WIDTH));
    }

    private boolean near(float a, float b) {
        return Math.abs(a - b) <= tolerancePoints;
    }
}
