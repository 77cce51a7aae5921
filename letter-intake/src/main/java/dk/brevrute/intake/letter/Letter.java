package dk.brevrute.intake.letter;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dk.brevrute.events.PostageClass;
import dk.brevrute.events.Recipient.RecipientType;

/** An accepted letter. The recipient (which may hold a CPR number) is stored as JSON. */
@Entity
@Table(name = "letter")
public class Letter {

    public enum Status {
        SUBMITTED,
        ROUTED,
        DELIVERED,
        FAILED,
        RETURNED,
        CANCELLED
    }

    @Id
    UUID id;

    @Column(nullable = false)
    String department;

    @Column(name = "sender_reference", nullable = false)
    String senderReference;

    @Column(name = "request_hash", nullable = false)
    String requestHash;

    @Column(name = "intake_path", nullable = false)
    String intakePath;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Status status;

    @Enumerated(EnumType.STRING)
    @Column(name = "recipient_type", nullable = false)
    RecipientType recipientType;

    @Column(nullable = false)
    String recipient;

    @Column(nullable = false)
    String subject;

    @Enumerated(EnumType.STRING)
    @Column(name = "postage_class", nullable = false)
    PostageClass postageClass;

    @Column(name = "force_paper", nullable = false)
    boolean forcePaper;

    @Column(nullable = false)
    boolean mandatory;

    @Column(name = "legal_notification", nullable = false)
    boolean legalNotification;

    @Column(name = "not_before")
    Instant notBefore;

    @Column(name = "print_if_unread_after_days")
    Integer printIfUnreadAfterDays;

    @Column(name = "cost_centre")
    String costCentre;

    @Column(name = "document_id", nullable = false)
    UUID documentId;

    @Column(name = "in_closed_batch", nullable = false)
    boolean inClosedBatch;

    /** Which channels delivered the letter, e.g. "DIGITAL" or "DIGITAL,PRINT" after a recorded fallback. */
    @Column(name = "delivered_channels")
    String deliveredChannels;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    public UUID id() {
        return id;
    }

    public String department() {
        return department;
    }

    public Status status() {
        return status;
    }

    /** Not yet delivered, failed or in a closed print batch. */
    boolean cancellable() {
        return (status == Status.SUBMITTED || status == Status.ROUTED) && !inClosedBatch;
    }
}
