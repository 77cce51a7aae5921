package dk.brevrute.simulator.memo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/** Hand-written kombi_request bodies for the simulator's tests (the gateway has its own builder). */
public final class MemoFixtures {

    private MemoFixtures() {
    }

    /** A real one-page A4 PDF made with PDFBox. */
    public static byte[] pdf() {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage(PDRectangle.A4));
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String message(UUID messageUuid, String recipientId, String idType) {
        return message(messageUuid, recipientId, idType, Base64.getEncoder().encodeToString(pdf()));
    }

    public static String message(UUID messageUuid, String recipientId, String idType, String base64Content) {
        return """
                <memo:Message xmlns:memo="https://DigitalPost.dk/MeMo-1" memoVersion="1.1" memoSchVersion="1.1.0">
                 <memo:MessageHeader>
                  <memo:messageType>DIGITALPOST</memo:messageType>
                  <memo:messageUUID>%s</memo:messageUUID>
                  <memo:label>Afgørelse om pladsanvisning</memo:label>
                  <memo:mandatory>false</memo:mandatory>
                  <memo:legalNotification>true</memo:legalNotification>
                  <memo:Sender>
                   <memo:senderID>64942212</memo:senderID>
                   <memo:idType>CVR</memo:idType>
                   <memo:label>Københavns Kommune</memo:label>
                  </memo:Sender>
                  <memo:Recipient>
                   <memo:recipientID>%s</memo:recipientID>
                   <memo:idType>%s</memo:idType>
                  </memo:Recipient>
                 </memo:MessageHeader>
                 <memo:MessageBody>
                  <memo:createdDateTime>2026-03-03T09:15:00Z</memo:createdDateTime>
                  <memo:MainDocument>
                   <memo:File>
                    <memo:encodingFormat>application/pdf</memo:encodingFormat>
                    <memo:filename>afgoerelse.pdf</memo:filename>
                    <memo:language>da</memo:language>
                    <memo:content>%s</memo:content>
                   </memo:File>
                  </memo:MainDocument>
                 </memo:MessageBody>
                </memo:Message>""".formatted(messageUuid, recipientId, idType, base64Content);
    }

    public static String kombi(String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kombi_request>\n <KombiValgKode>Digital Post</KombiValgKode>\n"
                + message + "\n</kombi_request>";
    }

    public static byte[] kombiBytes(UUID messageUuid, String recipientId, String idType) {
        return kombi(message(messageUuid, recipientId, idType)).getBytes(StandardCharsets.UTF_8);
    }
}
