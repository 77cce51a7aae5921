package dk.brevrute.print.batch;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dk.brevrute.events.PostageClass;

/** Letters of one postage class and envelope size, printed as one file and mailed together. */
@Entity
@Table(name = "print_batch")
class PrintBatch {

    /**
     * The lifecycle. {@code CLOSING} is internal (no new letters join; the routing re-check and the
     * envelope plan are under way); the others are the contract's states.
     */
    enum State {
        OPEN,
        CLOSING,
        CLOSED,
        PRINTED,
        ENVELOPED,
        FRANKED,
        HANDED_OVER,
        FAILED;

        /** The one state an operator may move a batch on to from this one, or null. */
        State next() {
            return switch (this) {
                case CLOSED -> PRINTED;
                case PRINTED -> ENVELOPED;
                case ENVELOPED -> FRANKED;
                case FRANKED -> HANDED_OVER;
                default -> null;
            };
        }
    }

    @Id
    UUID id;

    @Enumerated(EnumType.STRING)
    @Column(name = "postage_class", nullable = false)
    PostageClass postageClass;

    @Column(name = "envelope_size", nullable = false)
    String envelopeSize;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    State state;

    @Column(nullable = false)
    int letters;

    @Column(nullable = false)
    int envelopes;

    @Column(nullable = false)
    int sheets;

    Long pages;

    @Column(name = "weight_grams")
    Long weightGrams;

    BigDecimal postage;

    @Column(name = "tariff_id")
    String tariffId;

    @Column(name = "opened_at", nullable = false)
    Instant openedAt;

    @Column(name = "closing_since")
    Instant closingSince;

    @Column(name = "closed_at")
    Instant closedAt;

    @Column(name = "close_reason")
    String closeReason;

    @Column(name = "claimed_until")
    Instant claimedUntil;

    @Column(name = "rendered_at")
    Instant renderedAt;

    @Column(name = "pdf_file")
    String pdfFile;

    @Column(name = "manifest_csv_file")
    String manifestCsvFile;

    @Column(name = "manifest_json_file")
    String manifestJsonFile;

    @Column(name = "failure_reason")
    String failureReason;

    @Column(name = "state_since", nullable = false)
    Instant stateSince;

    @Column(name = "handed_over_at")
    Instant handedOverAt;

    /** When retention deleted the print file and manifests (they held names and addresses). */
    @Column(name = "files_removed_at")
    Instant filesRemovedAt;
}
