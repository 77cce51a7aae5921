package dk.brevrute.testinfra;

import java.time.Instant;
import java.util.UUID;

import dk.brevrute.events.DocumentRef;
import dk.brevrute.events.LetterRouted;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.PostageClass;
import dk.brevrute.events.PostalAddress;
import dk.brevrute.events.Recipient;
import dk.brevrute.events.Recipient.RecipientType;
import dk.brevrute.events.RoutingReason;
import dk.brevrute.events.Channel;

/** Realistic contract events for tests. CPR numbers here are date-valid but made up. */
public final class Samples {

    public static final String CPR = "0101901234";
    public static final String CVR = "29189846";

    private Samples() {
    }

    public static Recipient citizen(String cpr) {
        return new Recipient(RecipientType.CPR, cpr, null, null);
    }

    public static Recipient company(String cvr) {
        return new Recipient(RecipientType.CVR, null, cvr, null);
    }

    public static Recipient addressOnly() {
        return new Recipient(RecipientType.ADDRESS, null, null,
                new PostalAddress("Jens Hansen", "Nørregade 1, 2. tv.", null, "1165", "København K", "DK"));
    }

    public static LetterSubmitted submitted(Recipient recipient, boolean forcePaper) {
        UUID letterId = UUID.randomUUID();
        return new LetterSubmitted(UUID.randomUUID(), Instant.now(), letterId, "BUF", "BUF-" + letterId, null,
                recipient, "Afgørelse om pladsanvisning", PostageClass.B, forcePaper, false, false, null, null, "BUF-1200",
                new DocumentRef(UUID.randomUUID().toString(), "a".repeat(64), 12_345, 2, "afgoerelse.pdf", "application/pdf"));
    }

    public static LetterRouted routed(LetterSubmitted letter, Channel channel, RoutingReason reason) {
        return new LetterRouted(UUID.randomUUID(), Instant.now(), letter.letterId(), letter.department(), channel, reason,
                null, 1, letter, null);
    }
}
