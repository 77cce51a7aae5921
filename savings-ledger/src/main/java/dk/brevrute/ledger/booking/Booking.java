package dk.brevrute.ledger.booking;

import java.math.BigDecimal;
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

import dk.brevrute.events.Channel;
import dk.brevrute.events.PostageClass;

/** A delivered letter booked once per channel. Never edited: corrections are new entries. */
@Entity
@Table(name = "booking")
class Booking {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "letter_id", nullable = false)
    UUID letterId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Channel channel;

    @Column(nullable = false)
    String department;

    @Column(name = "cost_centre")
    String costCentre;

    @Column(name = "delivered_at", nullable = false)
    Instant deliveredAt;

    @Column(nullable = false)
    int sheets;

    /** Pricing inputs: as delivered, else as routed, else the configured defaults. */
    @Enumerated(EnumType.STRING)
    @Column(name = "postage_class")
    PostageClass postageClass;

    String zone;

    BigDecimal postage;

    @Column(name = "material_cost")
    BigDecimal materialCost;

    @Column(name = "digital_fee")
    BigDecimal digitalFee;

    @Column(name = "tariff_id")
    String tariffId;

    @Column(name = "event_id", nullable = false)
    UUID eventId;

    @Column(name = "booked_at", nullable = false, insertable = false, updatable = false)
    Instant bookedAt;
}
