package dk.brevrute.eboks.tariff;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One tariff version as savings-ledger published it; the gateway needs its date and Digital Post fee. */
@Entity
@Table(name = "tariff_version")
class TariffVersion {

    @Id
    @Column(name = "tariff_id")
    String tariffId;

    @Column(name = "effective_from", nullable = false)
    LocalDate effectiveFrom;

    @Column(name = "digital_post_fee")
    BigDecimal digitalPostFee;

    String label;

    /** {@code occurredAt} of the event this row holds: an older event for the same id never overwrites it. */
    @Column(name = "published_at", nullable = false)
    Instant publishedAt;
}
