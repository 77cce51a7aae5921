package dk.brevrute.ledger.tariff;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tariff version was appended to the outbox for tariffs.published.v1: it is published once. */
@Entity
@Table(name = "tariff_publication")
class TariffPublication {

    @Id
    @Column(name = "tariff_id")
    String tariffId;

    @Column(name = "event_id", nullable = false)
    UUID eventId;

    @Column(name = "published_at", nullable = false, insertable = false, updatable = false)
    Instant publishedAt;
}
