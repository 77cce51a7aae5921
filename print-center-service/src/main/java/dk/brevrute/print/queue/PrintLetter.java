package dk.brevrute.print.queue;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dk.brevrute.events.PostageClass;
import dk.brevrute.events.RoutingReason;

/** A letter the print centre must print, envelope, frank and mail. */
@Entity
@Table(name = "print_letter")
class PrintLetter {

    enum Status {
        WAITING
    }

    @Id
    @Column(name = "letter_id")
    UUID letterId;

    @Column(nullable = false)
    String department;

    @Enumerated(EnumType.STRING)
    @Column(name = "postage_class", nullable = false)
    PostageClass postageClass;

    @Enumerated(EnumType.STRING)
    @Column(name = "routing_reason", nullable = false)
    RoutingReason routingReason;

    @Column(name = "routing_seq", nullable = false)
    int routingSequence;

    @Column(name = "document_id", nullable = false)
    String documentId;

    @Column(name = "document_sha256", nullable = false)
    String documentSha256;

    @Column(nullable = false)
    int pages;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Status status;

    @Column(name = "received_at", nullable = false)
    Instant receivedAt;
}
