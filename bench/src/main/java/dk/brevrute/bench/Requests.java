package dk.brevrute.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.brevrute.events.EventJson;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** The letter request a departmental system sends, the same for REST and Kafka (Kafka adds eventId and occurredAt). */
final class Requests {

    static final ObjectMapper JSON = EventJson.newMapper();

    private Requests() {
    }

    static ObjectNode body(PlannedLetter letter, byte[] pdf) {
        ObjectNode body = JSON.createObjectNode();
        body.put("senderReference", letter.senderReference());
        ObjectNode recipient = body.putObject("recipient");
        switch (letter.kind()) {
            case COMPANY -> recipient.put("type", "CVR").put("cvr", letter.cvr());
            case ADDRESS_ONLY -> {
                List<String> a = Recipients.address(letter);
                recipient.put("type", "ADDRESS");
                recipient.putObject("address").put("name", a.get(0)).put("street", a.get(1))
                        .put("postcode", a.get(2).substring(0, 4)).put("city", a.get(2).substring(5)).put("country", "DK");
            }
            default -> recipient.put("type", "CPR").put("cpr", letter.cpr());
        }
        if (letter.invalid() != dk.brevrute.demo.PlannedLetter.Invalid.MISSING_SUBJECT) {
            body.put("subject", Recipients.subject(letter));
        }
        body.put("postageClass", letter.number() % 5 == 0 ? "A" : "B");
        body.put("forcePaper", letter.forcePaper());
        body.putObject("document")
                .put("filename", letter.senderReference() + ".pdf")
                .put("contentBase64", Base64.getEncoder().encodeToString(pdf));
        return body;
    }

    static String kafkaValue(PlannedLetter letter, byte[] pdf) {
        ObjectNode body = body(letter, pdf);
        body.put("eventId", UUID.randomUUID().toString());
        body.put("occurredAt", Instant.now().toString());
        return body.toString();
    }

    static String kafkaKey(PlannedLetter letter) {
        return letter.department() + ":" + letter.senderReference();
    }
}
