package dk.brevrute.ledger.booking;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import dk.brevrute.events.Channel;
import dk.brevrute.events.PostageClass;
import dk.brevrute.events.RoutingReason;

/** What routing decided for a letter, without anything about the recipient but the postal zone. */
@Entity
@Table(name = "letter_route")
@IdClass(LetterRoute.Key.class)
class LetterRoute {

    @Id
    @Column(name = "letter_id")
    UUID letterId;

    @Id
    int sequence;

    @Column(nullable = false)
    String department;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    RoutingReason reason;

    @Enumerated(EnumType.STRING)
    @Column(name = "postage_class")
    PostageClass postageClass;

    String zone;

    Integer pages;

    @Column(name = "routed_at", nullable = false)
    Instant routedAt;

    @Column(name = "event_id", nullable = false)
    UUID eventId;

    static class Key implements Serializable {
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
            return o instanceof Key k && Objects.equals(letterId, k.letterId) && sequence == k.sequence;
        }

        @Override
        public int hashCode() {
            return Objects.hash(letterId, sequence);
        }
    }
}
