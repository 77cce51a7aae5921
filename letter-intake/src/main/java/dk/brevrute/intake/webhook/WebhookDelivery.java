package dk.brevrute.intake.webhook;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One status event for one subscription, and how its delivery went. */
@Entity
@Table(name = "webhook_delivery")
class WebhookDelivery {

    enum State {
        PENDING,
        DELIVERED,
        GAVE_UP
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "subscription_id", nullable = false)
    UUID subscriptionId;

    @Column(nullable = false)
    String department;

    @Column(name = "event_id", nullable = false)
    UUID eventId;

    @Column(name = "status_kind", nullable = false)
    String statusKind;

    @Column(nullable = false)
    String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    State state;

    @Column(nullable = false)
    int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    Instant nextAttemptAt;

    @Column(name = "last_status_code")
    Integer lastStatusCode;

    @Column(name = "last_error")
    String lastError;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "delivered_at")
    Instant deliveredAt;
}
