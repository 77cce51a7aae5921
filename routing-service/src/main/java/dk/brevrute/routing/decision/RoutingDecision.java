package dk.brevrute.routing.decision;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import dk.brevrute.events.Channel;
import dk.brevrute.events.FailureKind;
import dk.brevrute.events.RoutingReason;

/** One routing decision of a letter; a letter has one, plus one per recorded fallback. */
@Entity
@Table(name = "routing_decision")
class RoutingDecision {

    @Embeddable
    static class Key implements Serializable {
        @Column(name = "letter_id")
        UUID letterId;
        int sequence;

        Key() {
        }

        Key(UUID letterId, int sequence) {
            this.letterId = letterId;
            this.sequence = sequence;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.letterId.equals(letterId) && k.sequence == sequence;
        }

        @Override
        public int hashCode() {
            return Objects.hash(letterId, sequence);
        }
    }

    @EmbeddedId
    Key key;

    @Column(nullable = false)
    String department;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    RoutingReason reason;

    @Enumerated(EnumType.STRING)
    @Column(name = "failure_kind")
    FailureKind failureKind;

    @Column(name = "decided_at", nullable = false)
    Instant decidedAt;
}
