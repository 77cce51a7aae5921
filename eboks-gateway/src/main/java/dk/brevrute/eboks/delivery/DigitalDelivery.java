package dk.brevrute.eboks.delivery;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dk.brevrute.events.RoutingReason;

/** A letter to deliver to the citizen's or company's digital mailbox. */
@Entity
@Table(name = "digital_delivery")
class DigitalDelivery {

    enum Status {
        PENDING
    }

    @Id
    @Column(name = "letter_id")
    UUID letterId;

    @Column(name = "transaction_id", nullable = false)
    UUID transactionId;

    @Column(nullable = false)
    String department;

    @Enumerated(EnumType.STRING)
    @Column(name = "routing_reason", nullable = false)
    RoutingReason routingReason;

    @Column(name = "document_id", nullable = false)
    String documentId;

    @Column(name = "document_sha256", nullable = false)
    String documentSha256;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Status status;

    @Column(nullable = false)
    int attempts;

    @Column(name = "received_at", nullable = false)
    Instant receivedAt;
}
