package dk.brevrute.intake.job;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A document a unit printed (IPP job) or dropped in its hot folder, and what became of it. The state
 * follows the letter: PENDING while the document is coming, COMPLETED once the letter was accepted,
 * ABORTED when it was rejected, PENDING_HELD while a person reads its recipient, CANCELED when the
 * job was cancelled or discarded from review.
 */
@Entity
@Table(name = "print_job")
public class PrintJob {

    public enum State {
        PENDING,
        PENDING_HELD,
        PROCESSING,
        CANCELED,
        ABORTED,
        COMPLETED;

        public boolean finished() {
            return this == CANCELED || this == ABORTED || this == COMPLETED;
        }
    }

    /** Where the document came from; also the letter's intake path. */
    public enum Source {
        PRINTER("printer"),
        HOTFOLDER("hotfolder");

        public final String intakePath;

        Source(String intakePath) {
            this.intakePath = intakePath;
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Integer id;

    @Column(nullable = false)
    String unit;

    @Column(nullable = false)
    String department;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Source source;

    @Column(name = "source_key")
    String sourceKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    State state;

    /** IPP job-state-reasons keywords, comma-separated. */
    @Column(name = "state_reasons", nullable = false)
    String stateReasons;

    @Column(name = "state_message")
    String stateMessage;

    @Column(name = "job_name")
    String jobName;

    @Column(name = "originating_user", nullable = false)
    String originatingUser;

    @Column(name = "document_name")
    String documentName;

    @Column(name = "document_format")
    String documentFormat;

    @Column(name = "size_bytes")
    Long sizeBytes;

    /** A document sent with Send-Document before the last one was announced; cleared once processed. */
    @Basic(fetch = FetchType.LAZY)
    byte[] incoming;

    @Column(name = "document_id")
    UUID documentId;

    /** Hot-folder sidecar metadata (JSON) given with the document. */
    String metadata;

    String subject;

    @Column(name = "review_reason")
    String reviewReason;

    @Column(name = "reviewed_by")
    String reviewedBy;

    @Column(name = "letter_id")
    UUID letterId;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "processing_at")
    Instant processingAt;

    @Column(name = "completed_at")
    Instant completedAt;

    @Column(name = "held_since")
    Instant heldSince;

    public int id() {
        return id;
    }

    public String unit() {
        return unit;
    }

    public String department() {
        return department;
    }

    public Source source() {
        return source;
    }

    public State state() {
        return state;
    }

    public String stateReasons() {
        return stateReasons;
    }

    public String stateMessage() {
        return stateMessage;
    }

    public String jobName() {
        return jobName;
    }

    public String originatingUser() {
        return originatingUser;
    }

    public String documentName() {
        return documentName;
    }

    public String documentFormat() {
        return documentFormat;
    }

    public Long sizeBytes() {
        return sizeBytes;
    }

    public UUID documentId() {
        return documentId;
    }

    public String subject() {
        return subject;
    }

    public String reviewReason() {
        return reviewReason;
    }

    public UUID letterId() {
        return letterId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant processingAt() {
        return processingAt;
    }

    public Instant completedAt() {
        return completedAt;
    }

    public Instant heldSince() {
        return heldSince;
    }

    public boolean hasIncoming() {
        return incoming != null;
    }
}
