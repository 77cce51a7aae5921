package dk.brevrute.events;

import dk.brevrute.events.PrintBatchStateChanged.State;
import dk.brevrute.events.Recipient.RecipientType;
import dk.brevrute.events.TariffVersionPublished.EnvelopeRate;
import dk.brevrute.events.TariffVersionPublished.PostageRate;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Events built in Java, as services build them: {@link #full()} with every component set,
 * {@link #minimal()} with only what the schema requires (optional components null).
 */
final class SampleEvents {

    static final Instant NOW = Instant.parse("2026-03-02T08:14:07.512Z");
    static final UUID LETTER = UUID.fromString("7c5ed5ef-4662-4c00-87af-a0cdd1231ea6");
    static final String SHA = "3072dc32f42c66ec6c113eaa4fed84f813d6b8d8dc6473d75c1fd7f7dea06e34";
    static final String CITIZEN_KEY = "578d32e41547c2c30f24ae1ab6c4f7d24e2cf8b16d95e60487ff3da4cd3d13b5";

    private SampleEvents() {
    }

    static Map<Class<?>, Object> full() {
        PostalAddress address = new PostalAddress("Mette Jensen", "Nørrebrogade 112", "3. tv.", "2200", "København N", "DK");
        Recipient citizen = new Recipient(RecipientType.CPR, "010190-1234", null, address);
        LetterSubmitted submitted = new LetterSubmitted(id(), NOW, LETTER, "BUF", "BUF-PLADS-2026-004711",
                "Pladsanvisningen", citizen, "Tilbud om plads i vuggestue", PostageClass.B, true, true, false,
                NOW.plusSeconds(3600), 7, "BUF-4410",
                new DocumentRef("b1555846-35cb-4c83-a1a2-8a3dae42ba9c", SHA, 48_213, 2, "tilbud.pdf", "application/pdf"));
        return Map.ofEntries(
                Map.entry(LetterRequested.class, new LetterRequested(id(), NOW, "BUF", "BUF-PLADS-2026-004711", citizen,
                        "Tilbud om plads i vuggestue", PostageClass.A, Boolean.FALSE, Boolean.TRUE, Boolean.FALSE,
                        NOW.plusSeconds(3600), 7, "BUF-4410",
                        new InlineDocument("tilbud.pdf", "application/pdf", "JVBERi0xLjcK", null, SHA))),
                Map.entry(LetterSubmitted.class, submitted),
                Map.entry(LetterRejected.class, new LetterRejected(id(), NOW, "SOF", "SOF-BOLIG-2026-000318",
                        "letters.requested.sof.v1",
                        List.of(new Violation("RECIPIENT_CPR_INVALID", "recipient.cpr", "CPR-nummeret har ingen gyldig dato"),
                                new Violation("SUBJECT_MISSING", "subject", "Emne mangler")))),
                Map.entry(LetterRouted.class, new LetterRouted(id(), NOW, LETTER, "BUF", Channel.PRINT,
                        RoutingReason.DIGITAL_FAILED, FailureKind.TRANSIENT, 2, submitted, NOW)),
                Map.entry(DeliveryFailed.class, new DeliveryFailed(id(), NOW, LETTER, "BUF", Channel.DIGITAL,
                        FailureKind.DEADLINE, "SF1601 svarede ikke før fristen", 5)),
                Map.entry(LetterDelivered.class, new LetterDelivered(id(), NOW, LETTER, "BUF", "BUF-4410", Channel.PRINT,
                        NOW, "PN-2026-03-03-0042", 2, PostageClass.B, "EUROPE", new BigDecimal("50.00"),
                        new BigDecimal("1.91"), new BigDecimal("0.00"), "2026-01")),
                Map.entry(LetterRead.class, new LetterRead(id(), NOW, LETTER, "KFF", NOW.minusSeconds(14), id().toString())),
                Map.entry(LetterReturned.class, new LetterReturned(id(), NOW, LETTER, "BUF", "Ubekendt på adressen",
                        "printcenter-mhj")),
                Map.entry(LetterCancelled.class, new LetterCancelled(id(), NOW, LETTER, "TMF", "Sagen er afsluttet")),
                Map.entry(RegistrationChanged.class, new RegistrationChanged(id(), NOW, CITIZEN_KEY,
                        RegistrationStatus.EXEMPT, LocalDate.of(2027, 6, 30), NOW.minusSeconds(84))),
                Map.entry(PrintBatchStateChanged.class, new PrintBatchStateChanged(id(), NOW, id(), State.PRINTED,
                        State.CLOSED, PostageClass.A, "C4", 2, 2, 31, new BigDecimal("58.00"), "printcenter-mhj",
                        List.of(LETTER, id()))),
                Map.entry(TariffVersionPublished.class, new TariffVersionPublished(id(), NOW, "2026-01",
                        LocalDate.of(2026, 1, 1), "Takster 2026",
                        List.of(new PostageRate(PostageClass.A, "DK", 100, new BigDecimal("29.00")),
                                new PostageRate(PostageClass.B, "WORLD", 250, new BigDecimal("124.00"))),
                        List.of(new EnvelopeRate("C5", new BigDecimal("0.42"), 5, 6)),
                        new BigDecimal("0.08"), new BigDecimal("0.35"), new BigDecimal("0.71"), new BigDecimal("0.68"),
                        5, "okf-lma")),
                Map.entry(LetterStatusChanged.class, new LetterStatusChanged(id(), NOW, LETTER, "BUF",
                        "BUF-PLADS-2026-004711", LetterStatusChanged.Status.FAILED, Channel.DIGITAL,
                        "Digital levering mislykkedes", new BigDecimal("13.20"))));
    }

    static Map<Class<?>, Object> minimal() {
        LetterSubmitted submitted = new LetterSubmitted(id(), NOW, LETTER, "KFF", "KFF-2026-17", null,
                new Recipient(RecipientType.ADDRESS, null, null,
                        new PostalAddress("Foreningen Amager Roklub", "Amager Strandvej 58", null, "2300", "København S", null)),
                "Tilskud til foreningen", null, false, false, false, null, null, null,
                new DocumentRef("doc-17", SHA, 1_024, 1, null, "application/pdf"));
        return Map.ofEntries(
                Map.entry(LetterRequested.class, new LetterRequested(id(), NOW, null, "KFF-2026-17",
                        new Recipient(RecipientType.CVR, null, "12345678", null), "Tilskud til foreningen", PostageClass.B, null,
                        null, null, null, null, null, new InlineDocument(null, null, null, "doc-17", null))),
                Map.entry(LetterSubmitted.class, submitted),
                Map.entry(LetterRejected.class, new LetterRejected(id(), NOW, "KFF", null, null,
                        List.of(new Violation("SENDER_REFERENCE_MISSING", null, "senderReference mangler")))),
                Map.entry(LetterRouted.class, new LetterRouted(id(), NOW, LETTER, "KFF", Channel.DIGITAL,
                        RoutingReason.REGISTERED, null, 1, submitted, null)),
                Map.entry(DeliveryFailed.class, new DeliveryFailed(id(), NOW, LETTER, "KFF", Channel.PRINT,
                        FailureKind.PERMANENT, "Printeren afviste dokumentet", 0)),
                Map.entry(LetterDelivered.class, new LetterDelivered(id(), NOW, LETTER, "KFF", null, Channel.DIGITAL,
                        NOW, null, 0, null, null, null, null, null, null)),
                Map.entry(LetterRead.class, new LetterRead(id(), NOW, LETTER, "KFF", NOW, null)),
                Map.entry(LetterReturned.class, new LetterReturned(id(), NOW, LETTER, "KFF", "Modtagelse nægtet", null)),
                Map.entry(LetterCancelled.class, new LetterCancelled(id(), NOW, LETTER, "KFF", null)),
                Map.entry(RegistrationChanged.class, new RegistrationChanged(id(), NOW, CITIZEN_KEY,
                        RegistrationStatus.REGISTERED, null, NOW)),
                Map.entry(PrintBatchStateChanged.class, new PrintBatchStateChanged(id(), NOW, id(), State.OPEN, null,
                        null, null, 0, 0, 0, null, null, null)),
                Map.entry(TariffVersionPublished.class, new TariffVersionPublished(id(), NOW, "2026-02",
                        LocalDate.of(2026, 7, 1), null,
                        List.of(new PostageRate(PostageClass.B, "DK", 100, new BigDecimal("13.20"))),
                        List.of(new EnvelopeRate("C5", new BigDecimal("0.42"), 5, 6)),
                        BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 5, null)),
                Map.entry(LetterStatusChanged.class, new LetterStatusChanged(id(), NOW, null, "KFF", "KFF-2026-17",
                        LetterStatusChanged.Status.REJECTED, null, null, null)));
    }

    private static UUID id() {
        return UUID.randomUUID();
    }
}
