package dk.brevrute.intake.letter;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One thing that happened to a letter. */
@Entity
@Table(name = "timeline_entry")
public class TimelineEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "letter_id", nullable = false)
    UUID letterId;

    @Column(name = "occurred_at", nullable = false)
    Instant occurredAt;

    @Column(nullable = false)
    String kind;

    String channel;

    String reason;

    String detail;

    @Column(name = "event_id", nullable = false)
    UUID eventId;
}
