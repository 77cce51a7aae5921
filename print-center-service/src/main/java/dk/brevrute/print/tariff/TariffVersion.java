package dk.brevrute.print.tariff;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tariff version as the savings ledger published it (the payload kept whole). */
@Entity
@Table(name = "tariff_version")
class TariffVersion {

    @Id
    @Column(name = "tariff_id")
    String tariffId;

    @Column(name = "effective_from", nullable = false)
    LocalDate effectiveFrom;

    @Column(name = "published_at", nullable = false)
    Instant publishedAt;

    @Column(nullable = false, columnDefinition = "text")
    String payload;
}
