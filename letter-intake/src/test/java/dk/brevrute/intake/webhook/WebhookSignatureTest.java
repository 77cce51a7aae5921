package dk.brevrute.intake.webhook;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    static final byte[] BODY = "{\"status\":\"DELIVERED\"}".getBytes(StandardCharsets.UTF_8);
    static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @Test
    void aFreshSignatureVerifiesATamperedOrReplayedOneDoesNot() {
        Instant sent = Instant.parse("2026-11-27T10:00:00Z");
        String header = WebhookSignature.sign("s3cret", sent, BODY);
        assertTrue(WebhookSignature.verify("s3cret", header, BODY, sent.plusSeconds(30), FIVE_MINUTES));
        assertFalse(WebhookSignature.verify("other", header, BODY, sent.plusSeconds(30), FIVE_MINUTES), "wrong secret");
        assertFalse(WebhookSignature.verify("s3cret", header, "{}".getBytes(StandardCharsets.UTF_8), sent, FIVE_MINUTES), "other body");
        assertFalse(WebhookSignature.verify("s3cret", header, BODY, sent.plus(Duration.ofMinutes(6)), FIVE_MINUTES),
                "a replay after the tolerance is detected by its old timestamp");
        String forgedTime = header.replace("t=" + sent.getEpochSecond(), "t=" + sent.plusSeconds(600).getEpochSecond());
        assertFalse(WebhookSignature.verify("s3cret", forgedTime, BODY, sent.plusSeconds(600), FIVE_MINUTES),
                "the timestamp is signed: moving it breaks the signature");
        assertFalse(WebhookSignature.verify("s3cret", null, BODY, sent, FIVE_MINUTES));
        assertFalse(WebhookSignature.verify("s3cret", "t=abc,v1=zz", BODY, sent, FIVE_MINUTES));
    }

    @Test
    void internalAddressesAreRecognised() throws Exception {
        for (String internal : new String[] {"127.0.0.1", "::1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "fd00::1", "100.64.0.1", "0.0.0.0"}) {
            assertTrue(Webhooks.isInternal(InetAddress.getByName(internal)), internal);
        }
        for (String external : new String[] {"8.8.8.8", "2001:4860:4860::8888", "130.225.0.1"}) {
            assertFalse(Webhooks.isInternal(InetAddress.getByName(external)), external);
        }
    }
}
