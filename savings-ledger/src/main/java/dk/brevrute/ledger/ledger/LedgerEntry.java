package dk.brevrute.ledger.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One line of the ledger. Never changed (triggers refuse it); a correction is another line. */
@Entity
@Table(name = "ledger_entry")
class LedgerEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    EntryKind kind;

    @Column(name = "booking_id")
    Long bookingId;

    @Column(name = "letter_id", nullable = false)
    UUID letterId;

    @Column(nullable = false)
    String department;

    @Column(name = "cost_centre")
    String costCentre;

    /** The accounting month (first day) the entry landed in. */
    @Column(nullable = false)
    LocalDate period;

    /** The day of the fact (delivery, return) in the ledger's time zone. */
    @Column(name = "event_date", nullable = false)
    LocalDate eventDate;

    @Column(name = "digital_letters", nullable = false)
    int digitalLetters;

    @Column(name = "print_letters", nullable = false)
    int printLetters;

    @Column(name = "returned_letters", nullable = false)
    int returnedLetters;

    @Column(nullable = false)
    BigDecimal saving;

    @Column(name = "print_cost", nullable = false)
    BigDecimal printCost;

    @Column(name = "digital_fee", nullable = false)
    BigDecimal digitalFee;

    @Column(name = "tariff_id")
    String tariffId;

    @Column(nullable = false)
    boolean priced;

    String note;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    Instant createdAt;
}
