package dk.brevrute.eboks.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import dk.brevrute.events.Channel;
import dk.brevrute.events.DocumentRef;
import dk.brevrute.events.LetterCancelled;
import dk.brevrute.events.LetterDelivered;
import dk.brevrute.events.LetterRouted;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.PostageClass;
import dk.brevrute.events.Recipient;
import dk.brevrute.events.RoutingReason;
import dk.brevrute.events.Topics;
import dk.brevrute.testinfra.KafkaTestClient;
import dk.brevrute.testinfra.SamplePdfs;
import dk.brevrute.testinfra.Samples;

/** Letters with a real PDF whose SHA-256 the letter references, and their transaction ids. */
public final class Letters {

    /** A company: no registration look-up. */
    public static final String CVR = Samples.CVR;

    public record Letter(LetterSubmitted submitted, byte[] pdf) {
        public UUID letterId() {
            return submitted.letterId();
        }

        /** The SF1601 transaction id the gateway derives from the letter id. */
        public UUID transactionId() {
            return UUID.nameUUIDFromBytes(("sf1601:" + letterId()).getBytes(StandardCharsets.UTF_8));
        }

        public LetterRouted routed() {
            return routed(null);
        }

        /** Routed DIGITAL; {@code registrationCheckedAt}: when routing's SF1601 answer was given (null: none). */
        public LetterRouted routed(Instant registrationCheckedAt) {
            RoutingReason reason = submitted.recipient().type() == Recipient.RecipientType.CVR ? RoutingReason.COMPANY
                    : RoutingReason.REGISTERED;
            return new LetterRouted(UUID.randomUUID(), Instant.now(), letterId(), submitted.department(), Channel.DIGITAL, reason,
                    null, 1, submitted, registrationCheckedAt);
        }

        public LetterCancelled cancelled() {
            return new LetterCancelled(UUID.randomUUID(), Instant.now(), letterId(), submitted.department(), "sagen er lukket");
        }
    }

    private static final byte[] PDF = SamplePdfs.letter(2);

    private Letters() {
    }

    public static Letter company() {
        return letter(Samples.company(CVR), "Faktura for vinterbekæmpelse", null);
    }

    /** A company letter routed DIGITAL, accepted by SF1601 and delivered: returns once its LetterDelivered is out. */
    public static Letter deliveredCompany(Peers peers, KafkaTestClient kafka) {
        Letter letter = company();
        peers.document(letter);
        peers.accept(letter.transactionId());
        kafka.send(Topics.LETTERS_ROUTED, letter.letterId().toString(), letter.routed());
        Events.first(kafka, Topics.LETTERS_DELIVERED, letter.letterId(), LetterDelivered.class, Duration.ofSeconds(30));
        return letter;
    }

    public static Letter citizen(String cpr) {
        return letter(Samples.citizen(cpr), "Afgørelse om pladsanvisning", null);
    }

    public static Letter letter(Recipient recipient, String subject, Instant notBefore) {
        UUID letterId = UUID.randomUUID();
        DocumentRef doc = new DocumentRef(UUID.randomUUID().toString(), sha256(PDF), PDF.length, 2, "afgoerelse.pdf", "application/pdf");
        LetterSubmitted s = new LetterSubmitted(UUID.randomUUID(), Instant.now(), letterId, "BUF", "BUF-" + letterId, null, recipient,
                subject, PostageClass.B, false, true, false, notBefore, null, "BUF-1200", doc);
        return new Letter(s, PDF);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
