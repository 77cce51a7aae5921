package dk.brevrute.intake.extraction;

import static dk.brevrute.intake.extraction.TestLetters.letter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.brevrute.events.Recipient.RecipientType;
import dk.brevrute.intake.extraction.RecipientExtractor.Extraction;
import dk.brevrute.intake.extraction.RecipientExtractor.ReviewReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Recipient, address and subject read from page 1 of letters generated here with PDFBox. CPR
 * numbers are compared without printing them (assertion messages end up in reports).
 */
class RecipientExtractorTest {

    static final String CPR = "0101901234";
    static final String OTHER_CPR = "0202855678";
    static final String[] ADDRESS = {"Jens Hansen", "Nørregade 1, 2. tv.", "1165 København K"};

    final RecipientExtractor extractor = new RecipientExtractor(new RecipientExtractor.Window(20, 45, 90, 45), 4);

    static void assertCpr(String expected, Extraction e) {
        assertTrue(e.recipient() != null && e.recipient().type() == RecipientType.CPR, "a CPR recipient, got " + e.reviewReason());
        assertTrue(expected.equals(e.recipient().cpr()), "the CPR number read is not the one on the letter");
    }

    @Test
    void cprWithHyphenNextToALabel() {
        Extraction e = extractor.extract(letter().window(ADDRESS).body("CPR-nr.: 010190-1234", "Vedr.: Afgørelse om boligstøtte").pdf());
        assertCpr(CPR, e);
        assertEquals("Jens Hansen", e.recipient().address().name(), "the window's address goes with the CPR number");
        assertEquals("Afgørelse om boligstøtte", e.subject());
    }

    @Test
    void cprWithoutHyphenNextToALabel() {
        assertCpr(CPR, extractor.extract(letter().window(ADDRESS).body("Cpr.nr. 0101901234").pdf()));
    }

    @ParameterizedTest(name = "label \"{0}\"")
    @ValueSource(strings = {"CPR-nr.", "Cpr.nr.", "CPR nr", "cpr nr.:", "Personnummer", "PERSONNUMMER:", "CPR-nummer:", "CPR:"})
    void labelVariants(String label) {
        assertCpr(CPR, extractor.extract(letter().window(ADDRESS).body(label + " 010190-1234").pdf()));
    }

    @Test
    void cprInTheAddressWindowWithoutALabel() {
        assertCpr(CPR, extractor.extract(letter().window("Jens Hansen", "010190-1234", "Nørregade 1, 2. tv.", "1165 København K").pdf()));
    }

    @Test
    void theSameCprTwiceIsOneRecipient() {
        assertCpr(CPR, extractor.extract(letter().window("Jens Hansen", "0101901234", "Nørregade 1", "1165 København K")
                .body("CPR-nr.: 010190-1234").pdf()));
    }

    @Test
    void aCenturyFromTheSeventhDigit() {
        // 7th digit 4 and year 07: born in 2007.
        assertCpr("0101074123", extractor.extract(letter().window(ADDRESS).body("CPR-nr.: 010107-4123").pdf()));
    }

    @Test
    void addressOnlyLetter() {
        Extraction e = extractor.extract(letter().window("Jens Hansen", "c/o Hanne Hansen", "Nørregade 1, 2. tv.", "1165 København K")
                .body("Om: Indkaldelse til møde").pdf());
        assertEquals(RecipientType.ADDRESS, e.recipient().type());
        assertNull(e.recipient().cpr());
        var a = e.recipient().address();
        assertEquals("Jens Hansen", a.name());
        assertEquals("Nørregade 1, 2. tv.", a.street());
        assertEquals("c/o Hanne Hansen", a.supplement());
        assertEquals("1165", a.postcode());
        assertEquals("København K", a.city());
        assertEquals("DK", a.country());
        assertEquals("Indkaldelse til møde", e.subject());
    }

    @Test
    void aNumberWithoutALabelOutsideTheWindowIsNotACpr() {
        Extraction e = extractor.extract(letter().window(ADDRESS).body("Journalnr. 0101901234").pdf());
        assertEquals(RecipientType.ADDRESS, e.recipient().type());
    }

    @Test
    void twoDifferentCprNumbersGoToReview() {
        Extraction e = extractor.extract(letter().window(ADDRESS).body("CPR-nr.: 010190-1234", "Personnummer: 020285-5678").pdf());
        assertTrue(e.needsReview());
        assertEquals(ReviewReason.SEVERAL_CPR, e.reviewReason());
    }

    @Test
    void aCprInTheWindowAndAnotherByALabelGoToReview() {
        Extraction e = extractor.extract(letter().window("Jens Hansen", "0202855678", "Nørregade 1", "1165 København K")
                .body("CPR-nr.: 010190-1234").pdf());
        assertEquals(ReviewReason.SEVERAL_CPR, e.reviewReason());
    }

    @ParameterizedTest(name = "not a date: {index}")
    @ValueSource(strings = {"CPR-nr.: 310290-1234", "CPR-nr.: 011390-1234", "Cpr.nr. 3002901234", "CPR-nr.: 010190-12"})
    void anInvalidCprGoesToReview(String line) {
        Extraction e = extractor.extract(letter().window(ADDRESS).body(line).pdf());
        assertTrue(e.needsReview());
        assertEquals(ReviewReason.CPR_INVALID, e.reviewReason());
    }

    @Test
    void anAddressOutsideTheWindowGoesToReview() {
        // The address block top right, where a window envelope does not show it.
        Extraction e = extractor.extract(letter().at(120, 30, ADDRESS).body("Vedr.: Afgørelse").pdf());
        assertTrue(e.needsReview());
        assertEquals(ReviewReason.NO_ADDRESS_IN_WINDOW, e.reviewReason());
        assertEquals("Afgørelse", e.subject(), "the subject is still read for the reviewer");
    }

    @Test
    void anAddressAcrossTheWindowEdgeGoesToReview() {
        // Starts 2 mm above the window: the name would be cut off, so the rest must not be taken as the address.
        Extraction e = extractor.extract(letter().at(25, 43, "Jens Hansen", "Att. Socialrådgiver", "Nørregade 1", "1165 København K").pdf());
        assertEquals(ReviewReason.ADDRESS_OUTSIDE_WINDOW, e.reviewReason());
        Extraction wide = extractor.extract(letter().at(25, 52, "Jens Hansen med et meget langt navn der fortsætter ud over vinduets kant",
                "Nørregade 1", "1165 København K").pdf());
        assertEquals(ReviewReason.ADDRESS_OUTSIDE_WINDOW, wide.reviewReason());
    }

    @Test
    void anIncompleteAddressGoesToReview() {
        Extraction e = extractor.extract(letter().window("Jens Hansen", "Nørregade 1").pdf());
        assertEquals(ReviewReason.ADDRESS_INCOMPLETE, e.reviewReason());
        assertEquals("Jens Hansen", e.suggestedAddress().name(), "what was read is offered to the reviewer");
        Extraction foreign = extractor.extract(letter().window("Anna Svensson", "Storgatan 1", "1234 Malmö", "Sverige").pdf());
        assertEquals(ReviewReason.ADDRESS_INCOMPLETE, foreign.reviewReason(), "a foreign address is not guessed");
    }

    @Test
    void anEmptyPageGoesToReview() {
        assertEquals(ReviewReason.NO_ADDRESS_IN_WINDOW, extractor.extract(letter().pdf()).reviewReason());
    }

    @Test
    void notAPdfIsUnreadable() {
        assertEquals(ReviewReason.UNREADABLE, extractor.extract("hello".getBytes()).reviewReason());
    }

    @ParameterizedTest(name = "subject line \"{0}\"")
    @ValueSource(strings = {"Vedr.: Afgørelse", "Vedrørende: Afgørelse", "Om: Afgørelse", "Emne: Afgørelse", "EMNE : Afgørelse"})
    void subjectLines(String line) {
        assertEquals("Afgørelse", extractor.extract(letter().window(ADDRESS).body(line).pdf()).subject());
    }

    @Test
    void noSubjectLine() {
        assertNull(extractor.extract(letter().window(ADDRESS).body("Kære Jens").pdf()).subject());
    }

    @Test
    void aReturnAddressLineInTheWindowIsNotTheRecipient() {
        Extraction e = extractor.extract(letter().window("Afs.: KK, Rådhuspl. 1, 1599 Kbh. V", "Jens Hansen",
                "Nørregade 1", "1165 København K").pdf());
        assertEquals("Jens Hansen", e.recipient().address().name());
    }
}
