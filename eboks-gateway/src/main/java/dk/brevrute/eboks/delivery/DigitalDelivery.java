package dk.brevrute.eboks.delivery;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dk.brevrute.events.FailureKind;
import dk.brevrute.events.RoutingReason;

/**
 * A letter to deliver to the citizen's or company's digital mailbox, and the durable state of its
 * delivery: PENDING (due at {@code nextAttemptAt}), SENDING (claimed by a worker until
 * {@code nextAttemptAt}, its lease), then DELIVERED, FAILED or CANCELLED.
 */
@Entity
@Table(name = "digital_delivery")
class DigitalDelivery {

    enum Status {
        PENDING,
        SENDING,
        DELIVERED,
        FAILED,
        CANCELLED;

        boolean isFinal() {
            return this == DELIVERED || this == FAILED || this == CANCELLED;
        }
    }

    @Id
    @Column(name = "letter_id")
    UUID letterId;

    @Column(name = "transaction_id", nullable = false)
    UUID transactionId;

    @Column(nullable = false)
    String department;

    @Column(name = "cost_centre")
    String costCentre;

    @Enumerated(EnumType.STRING)
    @Column(name = "routing_reason", nullable = false)
    RoutingReason routingReason;

    /** CPR or CVR. */
    @Column(name = "recipient_type")
    String recipientType;

    /** The CPR or CVR number; personal data, cleared once the delivery is final. */
    @Column(name = "recipient_id")
    String recipientId;

    String subject;

    @Column(nullable = false)
    boolean mandatory;

    @Column(name = "legal_notification", nullable = false)
    boolean legalNotification;

    @Column(name = "postage_class")
    String postageClass;

    @Column(name = "document_id", nullable = false)
    String documentId;

    @Column(name = "document_sha256", nullable = false)
    String documentSha256;

    String filename;

    @Column(nullable = false)
    int pages;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Status status;

    /** HTTP attempts at KombiPostAfsend, retries included. */
    @Column(nullable = false)
    int attempts;

    /** Times the letter went back to wait after a failed attempt. */
    @Column(nullable = false)
    int reschedules;

    @Column(name = "next_attempt_at", nullable = false)
    Instant nextAttemptAt;

    @Column(nullable = false)
    Instant deadline;

    @Column(name = "claim_token")
    UUID claimToken;

    @Column(name = "last_error")
    String lastError;

    @Column(name = "transient_reported", nullable = false)
    boolean transientReported;

    @Enumerated(EnumType.STRING)
    @Column(name = "failure_kind")
    FailureKind failureKind;

    @Column(name = "delivered_at")
    Instant deliveredAt;

    @Column(name = "digital_fee")
    BigDecimal digitalFee;

    @Column(name = "tariff_id")
    String tariffId;

    @Column(name = "read_at")
    Instant readAt;

    @Column(name = "receipt_failed_at")
    Instant receiptFailedAt;

    @Column(name = "receipt_failure")
    String receiptFailure;

    @Column(name = "received_at", nullable = false)
    Instant receivedAt;

    /** When letter-intake submitted the letter (LetterSubmitted's time): the start of its end-to-end latency. */
    @Column(name = "submitted_at")
    Instant submittedAt;

    /** When SF1601 last said the recipient can receive Digital Post, as routing's decision carried it; null if unknown. */
    @Column(name = "registration_checked_at")
    Instant registrationCheckedAt;

    /** The letter's trace (W3C), continued by every delivery attempt. */
    String traceparent;

    String tracestate;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
}
