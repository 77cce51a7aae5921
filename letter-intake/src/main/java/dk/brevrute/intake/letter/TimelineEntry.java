package dk.brevrute.intake.letter;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** One thing that happened to a letter. */
@Entity
@Table(name = "timeline_entry")
public class TimelineEntry {

    /** From timeline_entry_id_seq, 50 at a time (V5): a flush inserts a poll's entries in batches. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "timeline_entry_id")
    @SequenceGenerator(name = "timeline_entry_id", sequenceName = "timeline_entry_id_seq", allocationSize = 50)
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
