package dk.brevrute.intake.webhook;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A callback URL of a department (or one of its units) and the status kinds it wants. */
@Entity
@Table(name = "webhook_subscription")
class WebhookSubscription {

    @Id
    UUID id;

    @Column(nullable = false)
    String department;

    String unit;

    @Column(nullable = false)
    String url;

    /** The HMAC secret; shown to the subscriber once, at creation. */
    @Column(nullable = false)
    String secret;

    /** Comma-separated LetterStatusChanged statuses. */
    @Column(nullable = false)
    String kinds;

    @Column(nullable = false)
    boolean active;

    @Column(name = "created_by", nullable = false)
    String createdBy;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;
}
