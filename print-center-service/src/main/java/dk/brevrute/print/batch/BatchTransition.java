package dk.brevrute.print.batch;

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

/** A step in a batch's lifecycle: from, to, when, by whom. */
@Entity
@Table(name = "batch_transition")
class BatchTransition {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "batch_id", nullable = false)
    UUID batchId;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_state")
    PrintBatch.State fromState;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_state", nullable = false)
    PrintBatch.State toState;

    @Column(nullable = false)
    Instant at;

    @Column(nullable = false)
    String operator;

    String reason;
}
