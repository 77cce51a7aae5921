package dk.brevrute.intake.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dk.brevrute.events.Violation;
import dk.brevrute.testinfra.SamplePdfs;
import org.junit.jupiter.api.Test;

class PdfInspectorTest {

    final PdfInspector inspector = new PdfInspector(3, 3);

    List<String> codes(byte[] pdf) {
        Violations v = new Violations();
        inspector.inspect(pdf, "document", v);
        return v.list().stream().map(Violation::code).toList();
    }

    @Test
    void aPlainA4LetterPasses() {
        Violations v = new Violations();
        assertEquals(2, inspector.inspect(SamplePdfs.letter(2), "document", v));
        assertTrue(v.isEmpty(), v.list().toString());
    }

    @Test
    void eachProblemHasItsCode() {
        assertEquals(List.of("DOCUMENT_NOT_PDF"), codes("hello".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("DOCUMENT_NOT_PDF"), codes("%PDF-1.7 truncated".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("DOCUMENT_NOT_A4"), codes(SamplePdfs.usLetter()));
        assertEquals(List.of("DOCUMENT_JAVASCRIPT"), codes(SamplePdfs.withJavaScript()));
        assertEquals(List.of("DOCUMENT_ENCRYPTED"), codes(SamplePdfs.encrypted()));
        assertEquals(List.of("DOCUMENT_TOO_MANY_PAGES"), codes(SamplePdfs.letter(4)));
    }
}
