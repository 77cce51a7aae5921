package dk.brevrute.routing.decision;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dk.brevrute.events.Channel;
import dk.brevrute.events.RoutingReason;

/** A letter routing has decided for, or is waiting to decide for. */
@Entity
@Table(name = "routing_letter")
class RoutedLetter {

    enum State {
        /** Scheduled: waits for its notBefore. */
        HELD,
        /** Waits for the registration look-up to answer. */
        WAITING_LOOKUP,
        ROUTED,
        CANCELLED
    }

    @Id
    @Column(name = "letter_id")
    UUID letterId;

    @Column(nullable = false)
    String department;

    /** The LetterSubmitted as JSON. */
    @Column(nullable = false)
    String letter;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    State state;

    @Column(name = "next_attempt_at")
    Instant nextAttemptAt;

    @Column(name = "lookup_since")
    Instant lookupSince;

    @Enumerated(EnumType.STRING)
    @Column(name = "routed_channel")
    Channel routedChannel;

    @Enumerated(EnumType.STRING)
    @Column(name = "routed_reason")
    RoutingReason routedReason;

    @Column(name = "routed_at")
    Instant routedAt;

    @Column(nullable = false)
    int decisions;

    @Column(name = "unread_deadline")
    Instant unreadDeadline;

    @Column(name = "read_at")
    Instant readAt;

    /** A second, paper decision (DIGITAL_FAILED or UNREAD_DEADLINE) was made: never a third. */
    @Column(name = "fallback_done", nullable = false)
    boolean fallbackDone;

    /** The keyed hash of the recipient's CPR number; stays when retention masks the letter. */
    @Column(name = "citizen_key")
    String citizenKey;

    /** When retention replaced {@link #letter} by a masked copy: no further decision can be made. */
    @Column(name = "content_stripped_at")
    Instant contentStrippedAt;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
}
