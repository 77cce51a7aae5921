package dk.brevrute.print.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import dk.brevrute.events.Channel;
import dk.brevrute.events.DocumentRef;
import dk.brevrute.events.LetterRouted;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.PostageClass;
import dk.brevrute.events.PostalAddress;
import dk.brevrute.events.Recipient;
import dk.brevrute.events.RoutingReason;
import dk.brevrute.events.TariffVersionPublished;
import dk.brevrute.events.TariffVersionPublished.EnvelopeRate;
import dk.brevrute.events.TariffVersionPublished.PostageRate;
import dk.brevrute.events.Topics;
import dk.brevrute.testinfra.BrevruteInfrastructure;
import dk.brevrute.testinfra.KafkaTestClient;
import dk.brevrute.testinfra.SamplePdfs;

/** Letters, documents and tariffs for the print centre's tests. */
public final class Fixtures {

    public static final String DEPARTMENT = "BUF";
    public static final String BASE_TARIFF = "test-base";

    private Fixtures() {
    }

    /** A PDF whose window area is empty: the print centre needs a carrier sheet for it. */
    public static byte[] plainPdf(int pages) {
        return SamplePdfs.letter(pages, List.of(), "Afgørelse");
    }

    /** A letter whose document letter-intake (WireMock) serves; its first page shows {@code windowLines} if any. */
    public static LetterSubmitted letter(Recipient recipient, PostageClass postageClass, byte[] pdf, int pages) {
        UUID letterId = UUID.randomUUID();
        String documentId = UUID.randomUUID().toString();
        Peers.document(documentId, DEPARTMENT, pdf);
        return new LetterSubmitted(UUID.randomUUID(), Instant.now(), letterId, DEPARTMENT, "REF-" + letterId, null, recipient,
                "Afgørelse", postageClass, false, false, false, null, null, "BUF-1200",
                new DocumentRef(documentId, Peers.sha256(pdf), pdf.length, pages, "brev.pdf", "application/pdf"));
    }

    public static Recipient citizen(String cpr) {
        return new Recipient(Recipient.RecipientType.CPR, cpr, null, null);
    }

    public static Recipient address(PostalAddress a) {
        return new Recipient(Recipient.RecipientType.ADDRESS, null, null, a);
    }

    public static Recipient citizenAt(String cpr, PostalAddress a) {
        return new Recipient(Recipient.RecipientType.CPR, cpr, null, a);
    }

    public static void routeToPrint(KafkaTestClient kafka, LetterSubmitted l) {
        kafka.send(Topics.LETTERS_ROUTED, l.letterId().toString(), new LetterRouted(UUID.randomUUID(), Instant.now(), l.letterId(),
                l.department(), Channel.PRINT, RoutingReason.NOT_REGISTERED, null, 1, l, null));
    }

    /** A tariff version: DK, EUROPE and WORLD rates in two weight classes; B has no foreign rate. */
    public static TariffVersionPublished tariff(String id, LocalDate from, String bDk100) {
        BigDecimal b = new BigDecimal(bDk100);
        return new TariffVersionPublished(UUID.randomUUID(), Instant.now(), id, from, "Takster " + id,
                List.of(new PostageRate(PostageClass.A, "DK", 100, b.add(new BigDecimal("15.80"))),
                        new PostageRate(PostageClass.A, "DK", 250, b.add(new BigDecimal("30.00"))),
                        new PostageRate(PostageClass.B, "DK", 100, b),
                        new PostageRate(PostageClass.B, "DK", 250, b.multiply(BigDecimal.valueOf(2))),
                        new PostageRate(PostageClass.A, "EUROPE", 100, new BigDecimal("50.00")),
                        new PostageRate(PostageClass.A, "EUROPE", 250, new BigDecimal("90.00")),
                        new PostageRate(PostageClass.A, "WORLD", 100, new BigDecimal("62.00")),
                        new PostageRate(PostageClass.A, "WORLD", 250, new BigDecimal("110.00"))),
                List.of(new EnvelopeRate("C5", new BigDecimal("0.42"), 5, 6), new EnvelopeRate("C4", new BigDecimal("0.95"), 12, 25)),
                new BigDecimal("0.08"), new BigDecimal("0.35"), new BigDecimal("0.71"), new BigDecimal("0.68"), 5, "test");
    }

    public static void publishBaseTariff(KafkaTestClient kafka) {
        kafka.send(Topics.TARIFFS_PUBLISHED, BASE_TARIFF, tariff(BASE_TARIFF, LocalDate.of(2000, 1, 1), "13.20"));
    }

    public static String operatorToken(String subject) {
        return BrevruteInfrastructure.tokens().issue(subject, null, List.of("operator"));
    }
}
