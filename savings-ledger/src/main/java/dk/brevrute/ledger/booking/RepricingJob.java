package dk.brevrute.ledger.booking;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Re-pricing the digital bookings of a date range after a new tariff version, batch by batch. */
@Entity
@Table(name = "repricing_job")
class RepricingJob {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "tariff_id", nullable = false)
    String tariffId;

    @Column(name = "from_date", nullable = false)
    LocalDate fromDate;

    @Column(name = "to_date")
    LocalDate toDate;

    /** Bookings up to this id are done. */
    @Column(name = "next_booking_id", nullable = false)
    long nextBookingId;

    @Column(nullable = false)
    int corrections;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    Instant createdAt;

    @Column(name = "done_at")
    Instant doneAt;
}
