package dk.brevrute.ledger.ledger;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A month finance closed. No entry lands in it again (a trigger refuses it). */
@Entity
@Table(name = "closed_month")
class ClosedMonth {

    /** First day of the month. */
    @Id
    LocalDate month;

    @Column(name = "closed_by", nullable = false)
    String closedBy;

    @Column(name = "closed_at", nullable = false, insertable = false, updatable = false)
    Instant closedAt;
}
