package dk.brevrute.eboks.memo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import javax.xml.parsers.DocumentBuilderFactory;

import dk.brevrute.simulator.memo.MemoValidator;
import dk.brevrute.testinfra.SamplePdfs;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The MeMo builder: every element with its value, in the order of the public MeMo 1.1 examples. */
class MemoWriterTest {

    static final String NS = "https://DigitalPost.dk/MeMo-1";
    static final String CPR = "0101901234";
    static final Instant CREATED = Instant.parse("2026-03-03T09:15:42.123456Z");

    final UUID uuid = UUID.randomUUID();
    final byte[] pdf = SamplePdfs.letter(2);

    MemoMessage message(String label) {
        return new MemoMessage(uuid, label, true, false, "64942212", "Københavns Kommune", CPR, "CPR", CREATED, "afgoerelse.pdf", "da");
    }

    static byte[] write(MemoMessage m, byte[] document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MemoWriter.writeKombiRequest(m, new ByteArrayInputStream(document), out);
        return out.toByteArray();
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    /** "name=text" for leaves, "name" for containers, depth-first: the whole tree in document order. */
    static List<String> walk(Element e, String prefix, List<String> out) {
        List<Element> children = children(e);
        String name = prefix + e.getLocalName();
        if (children.isEmpty()) {
            String text = e.getTextContent();
            out.add(name + "=" + (text.length() > 40 ? "<" + text.length() + " chars>" : text));
        } else {
            out.add(name);
            for (Element c : children) {
                walk(c, name + "/", out);
            }
        }
        return out;
    }

    static List<Element> children(Element e) {
        List<Element> list = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el) {
                list.add(el);
            }
        }
        return list;
    }

    @Test
    void everyElementHasItsValueInMeMoOrder() throws Exception {
        Document doc = parse(write(message("Afgørelse om pladsanvisning"), pdf));
        Element root = doc.getDocumentElement();
        assertEquals("kombi_request", root.getLocalName());
        assertNull(root.getNamespaceURI());
        Element message = children(root).get(1);
        assertEquals(NS, message.getNamespaceURI());
        assertEquals("memo", message.getPrefix());
        assertEquals("1.1", message.getAttribute("memoVersion"));
        assertEquals("1.1.0", message.getAttribute("memoSchVersion"));
        for (Element e : descendants(message)) {
            assertEquals(NS, e.getNamespaceURI(), e.getLocalName() + " must be in the MeMo namespace");
        }
        List<String> tree = walk(root, "", new ArrayList<>());
        int contentChars = Base64.getEncoder().encodeToString(pdf).length();
        assertEquals(List.of(
                "kombi_request",
                "kombi_request/KombiValgKode=Digital Post",
                "kombi_request/Message",
                "kombi_request/Message/MessageHeader",
                "kombi_request/Message/MessageHeader/messageType=DIGITALPOST",
                "kombi_request/Message/MessageHeader/messageUUID=" + uuid,
                "kombi_request/Message/MessageHeader/label=Afgørelse om pladsanvisning",
                "kombi_request/Message/MessageHeader/mandatory=true",
                "kombi_request/Message/MessageHeader/legalNotification=false",
                "kombi_request/Message/MessageHeader/Sender",
                "kombi_request/Message/MessageHeader/Sender/senderID=64942212",
                "kombi_request/Message/MessageHeader/Sender/idType=CVR",
                "kombi_request/Message/MessageHeader/Sender/label=Københavns Kommune",
                "kombi_request/Message/MessageHeader/Recipient",
                "kombi_request/Message/MessageHeader/Recipient/recipientID=" + CPR,
                "kombi_request/Message/MessageHeader/Recipient/idType=CPR",
                "kombi_request/Message/MessageBody",
                "kombi_request/Message/MessageBody/createdDateTime=2026-03-03T09:15:42Z",
                "kombi_request/Message/MessageBody/MainDocument",
                "kombi_request/Message/MessageBody/MainDocument/File",
                "kombi_request/Message/MessageBody/MainDocument/File/encodingFormat=application/pdf",
                "kombi_request/Message/MessageBody/MainDocument/File/filename=afgoerelse.pdf",
                "kombi_request/Message/MessageBody/MainDocument/File/language=da",
                "kombi_request/Message/MessageBody/MainDocument/File/content=<" + contentChars + " chars>"), tree);
        Element content = (Element) doc.getElementsByTagNameNS(NS, "content").item(0);
        assertArrayEquals(pdf, Base64.getDecoder().decode(content.getTextContent()));
    }

    @Test
    void aCompanyIsAddressedByCvr() throws Exception {
        MemoMessage m = new MemoMessage(uuid, "Faktura", false, false, "64942212", "Københavns Kommune", "29189846", "CVR", CREATED,
                "faktura.pdf", "da");
        MemoValidator.ValidMemo valid = new MemoValidator().validateKombiRequest(write(m, pdf));
        assertEquals(new MemoValidator.Party("29189846", "CVR", null), valid.recipient());
    }

    @Test
    void hostileSubjectTextRoundTripsThroughAnXmlParser() throws Exception {
        String subject = "<&\"'> Æblegrød & rødgrød med fløde </memo:label><!-- 📬 ✉️ ]]> \u00e6\u00f8\u00e5";
        Document doc = parse(write(message(subject), pdf));
        Element header = (Element) doc.getElementsByTagNameNS(NS, "MessageHeader").item(0);
        assertEquals(subject, children(header).get(2).getTextContent());
        assertEquals(7, children(header).size(), "the subject must not create or swallow elements");
    }

    @Test
    void charactersXmlCannotCarryAreDroppedAndLineBreaksBecomeSpaces() throws Exception {
        String subject = "Rykker\u0007 nr.\u0000 2\r\nbetaling\tsenest\uD800 fredag";
        Document doc = parse(write(message(subject), pdf));
        assertEquals("Rykker nr. 2  betaling senest fredag",
                doc.getElementsByTagNameNS(NS, "label").item(0).getTextContent());
    }

    @Test
    void aLongSubjectIsCutAtTheLabelLimitWithoutSplittingAnEmoji() {
        String subject = "a".repeat(255) + "📬" + "b";
        String label = MemoWriter.xmlText(subject, MemoWriter.MAX_LABEL_LENGTH);
        assertEquals("a".repeat(255), label);
        assertEquals(256, MemoWriter.xmlText("a".repeat(254) + "📬" + "c", 256).length());
    }

    @Test
    void theOutputPassesTheSimulatorsValidator() throws Exception {
        MemoValidator.ValidMemo valid = new MemoValidator().validateKombiRequest(write(message("Afgørelse <&> 📬"), pdf));
        assertEquals("Digital Post", valid.choiceCode());
        assertEquals(uuid, valid.messageUuid());
        assertEquals("Afgørelse <&> 📬", valid.label());
        assertTrue(valid.mandatory());
        assertEquals(new MemoValidator.Party(CPR, "CPR", null), valid.recipient());
        assertEquals(new MemoValidator.Party("64942212", "CVR", "Københavns Kommune"), valid.sender());
        assertEquals(2, valid.mainDocumentFiles().get(0).pages());
        assertEquals(pdf.length, valid.mainDocumentFiles().get(0).bytes());
    }

    @Test
    void base64IsStreamedInChunksThatDecodeToExactlyTheDocument() throws Exception {
        int chunk = 3 * 16 * 1024;
        Random random = new Random(42);
        for (int size : new int[] {0, 1, 2, chunk - 1, chunk, chunk + 1, 3 * chunk + 2, 5 * 1024 * 1024 + 7}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            Document doc = parse(write(message("x"), data));
            String content = doc.getElementsByTagNameNS(NS, "content").item(0).getTextContent();
            assertArrayEquals(data, Base64.getDecoder().decode(content), "size " + size);
        }
    }

    @Test
    void theSameLetterGivesTheSameBytes() throws Exception {
        assertArrayEquals(write(message("Samme brev"), pdf), write(message("Samme brev"), pdf));
        assertTrue(new String(write(message("x"), pdf), StandardCharsets.UTF_8).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    }

    private static List<Element> descendants(Element e) {
        List<Element> all = new ArrayList<>();
        for (Element c : children(e)) {
            all.add(c);
            all.addAll(descendants(c));
        }
        return all;
    }
}
