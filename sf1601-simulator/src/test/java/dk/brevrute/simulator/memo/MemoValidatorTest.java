package dk.brevrute.simulator.memo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import dk.brevrute.simulator.memo.MemoValidator.InvalidMemoException;
import dk.brevrute.simulator.memo.MemoValidator.ValidMemo;
import org.junit.jupiter.api.Test;

class MemoValidatorTest {

    static final String CPR = "0101901234";
    final MemoValidator validator = new MemoValidator();
    final UUID uuid = UUID.randomUUID();

    @Test
    void aCompleteKombiRequestIsValidAndItsValuesAreRead() throws Exception {
        ValidMemo memo = validator.validateKombiRequest(MemoFixtures.kombiBytes(uuid, CPR, "CPR"));
        assertEquals("Digital Post", memo.choiceCode());
        assertEquals("1.1", memo.memoVersion());
        assertEquals("DIGITALPOST", memo.messageType());
        assertEquals(uuid, memo.messageUuid());
        assertEquals("Afgørelse om pladsanvisning", memo.label());
        assertFalse(memo.mandatory());
        assertTrue(memo.legalNotification());
        assertEquals(new MemoValidator.Party("64942212", "CVR", "Københavns Kommune"), memo.sender());
        assertEquals(new MemoValidator.Party(CPR, "CPR", null), memo.recipient());
        assertEquals(1, memo.mainDocumentFiles().size());
        assertEquals(1, memo.mainDocumentFiles().get(0).pages());
        assertEquals("afgoerelse.pdf", memo.mainDocumentFiles().get(0).filename());
    }

    @Test
    void aCompanyRecipientByCvrIsValid() throws Exception {
        ValidMemo memo = validator.validateKombiRequest(MemoFixtures.kombiBytes(uuid, "29189846", "CVR"));
        assertEquals("CVR", memo.recipient().idType());
    }

    @Test
    void aBareMessageValidatesToo() throws Exception {
        byte[] xml = MemoFixtures.message(uuid, CPR, "CPR").getBytes(StandardCharsets.UTF_8);
        assertEquals(uuid, validator.validateMessage(xml).messageUuid());
    }

    @Test
    void theWrongNamespaceIsRefused() {
        String xml = MemoFixtures.message(uuid, CPR, "CPR").replace("https://DigitalPost.dk/MeMo-1", "https://example.org/memo");
        assertEquals("expected memo:Message in namespace https://DigitalPost.dk/MeMo-1", reason(MemoFixtures.kombi(xml)));
    }

    @Test
    void anElementOutsideTheNamespaceIsRefused() {
        String xml = MemoFixtures.message(uuid, CPR, "CPR").replace("<memo:label>Afgørelse om pladsanvisning</memo:label>",
                "<label>Afgørelse om pladsanvisning</label>");
        assertTrue(reason(MemoFixtures.kombi(xml)).contains("is not in namespace"));
    }

    @Test
    void aMissingOrWrongMemoVersionIsRefused() {
        String missing = MemoFixtures.message(uuid, CPR, "CPR").replace(" memoVersion=\"1.1\"", "");
        assertTrue(reason(MemoFixtures.kombi(missing)).startsWith("memoVersion must be one of"));
        String wrong = MemoFixtures.message(uuid, CPR, "CPR").replace("memoVersion=\"1.1\"", "memoVersion=\"0.9\"");
        assertTrue(reason(MemoFixtures.kombi(wrong)).startsWith("memoVersion must be one of"));
        String noSch = MemoFixtures.message(uuid, CPR, "CPR").replace(" memoSchVersion=\"1.1.0\"", "");
        assertTrue(reason(MemoFixtures.kombi(noSch)).startsWith("memoSchVersion"));
    }

    @Test
    void requiredElementsMustBePresent() {
        String noLabel = MemoFixtures.message(uuid, CPR, "CPR").replace("<memo:label>Afgørelse om pladsanvisning</memo:label>", "");
        assertEquals("memo:MessageHeader lacks memo:label", reason(MemoFixtures.kombi(noLabel)));
        String noSenderLabel = MemoFixtures.message(uuid, CPR, "CPR").replace("<memo:label>Københavns Kommune</memo:label>", "");
        assertEquals("memo:Sender lacks memo:label", reason(MemoFixtures.kombi(noSenderLabel)));
        String noBody = MemoFixtures.message(uuid, CPR, "CPR").replaceAll("(?s)<memo:MessageBody>.*</memo:MessageBody>", "");
        assertEquals("a DIGITALPOST message needs memo:MessageBody", reason(MemoFixtures.kombi(noBody)));
        String noLanguage = MemoFixtures.message(uuid, CPR, "CPR").replace("<memo:language>da</memo:language>", "");
        assertEquals("memo:MainDocument/File lacks memo:language", reason(MemoFixtures.kombi(noLanguage)));
    }

    @Test
    void elementsMustComeInSchemaOrder() {
        String xml = MemoFixtures.message(uuid, CPR, "CPR");
        String uuidElement = "<memo:messageUUID>" + uuid + "</memo:messageUUID>";
        String label = "<memo:label>Afgørelse om pladsanvisning</memo:label>";
        String swapped = xml.replace(uuidElement, "@@").replace(label, uuidElement).replace("@@", label);
        assertTrue(reason(MemoFixtures.kombi(swapped)).startsWith("memo:messageUUID is out of order"));
    }

    @Test
    void unknownElementsAreRefused() {
        String xml = MemoFixtures.message(uuid, CPR, "CPR").replace("<memo:mandatory>", "<memo:priority>high</memo:priority><memo:mandatory>");
        assertEquals("memo:priority is not allowed in memo:MessageHeader", reason(MemoFixtures.kombi(xml)));
    }

    @Test
    void valuesMustHaveTheirForm() {
        String badUuid = MemoFixtures.message(uuid, CPR, "CPR").replace(uuid.toString(), "letter-1");
        assertEquals("messageUUID must be a UUID", reason(MemoFixtures.kombi(badUuid)));
        String badBool = MemoFixtures.message(uuid, CPR, "CPR").replace("<memo:mandatory>false", "<memo:mandatory>nej");
        assertEquals("mandatory must be true or false", reason(MemoFixtures.kombi(badBool)));
        String badTime = MemoFixtures.message(uuid, CPR, "CPR").replace("2026-03-03T09:15:00Z", "yesterday");
        assertEquals("createdDateTime must be an xs:dateTime", reason(MemoFixtures.kombi(badTime)));
        String badType = MemoFixtures.message(uuid, CPR, "CPR").replace("DIGITALPOST", "EMAIL");
        assertEquals("messageType must be DIGITALPOST or NEMSMS", reason(MemoFixtures.kombi(badType)));
    }

    @Test
    void aMalformedCprNumberIsRefusedWithoutQuotingIt() {
        String shortCpr = "01019012";
        String r = reason(MemoFixtures.kombi(MemoFixtures.message(uuid, shortCpr, "CPR")));
        assertEquals("Recipient/recipientID must be 10 digits for idType CPR", r);
        assertFalse(r.contains(shortCpr));
    }

    @Test
    void contentMustBeBase64OfAReadablePdf() {
        String notBase64 = MemoFixtures.message(uuid, CPR, "CPR", "this is not base64!");
        assertEquals("MainDocument/File/content is not valid base64", reason(MemoFixtures.kombi(notBase64)));
        String notPdf = MemoFixtures.message(uuid, CPR, "CPR",
                Base64.getEncoder().encodeToString("%PDF-1.7 just kidding".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("MainDocument/File/content is not a readable PDF", reason(MemoFixtures.kombi(notPdf)));
    }

    @Test
    void base64SplitOverLinesIsAccepted() throws Exception {
        String wrapped = Base64.getMimeEncoder().encodeToString(MemoFixtures.pdf());
        byte[] xml = MemoFixtures.kombi(MemoFixtures.message(uuid, CPR, "CPR", wrapped)).getBytes(StandardCharsets.UTF_8);
        assertEquals(1, validator.validateKombiRequest(xml).mainDocumentFiles().get(0).pages());
    }

    @Test
    void theEnvelopeIsChecked() {
        String xml = MemoFixtures.kombi(MemoFixtures.message(uuid, CPR, "CPR"));
        assertEquals("KombiValgKode must be one of Automatisk Valg, Digital Post, Fysisk Post, NemSMS",
                reason(xml.replace(">Digital Post<", ">Brevdue<")));
        assertEquals("the root element must be kombi_request (no namespace)",
                reason(xml.replace("kombi_request", "request")));
        assertTrue(reason("<kombi_request><KombiValgKode>Digital Post</KombiValgKode>").startsWith("not well-formed XML"));
    }

    @Test
    void aDoctypeIsRefusedSoNoEntityIsResolved() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE kombi_request [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<kombi_request><KombiValgKode>&x;</KombiValgKode></kombi_request>";
        assertEquals("a DOCTYPE is not allowed", reason(xxe));
    }

    private String reason(String xml) {
        return assertThrows(InvalidMemoException.class, () -> validator.validateKombiRequest(xml.getBytes(StandardCharsets.UTF_8)))
                .reason();
    }
}
