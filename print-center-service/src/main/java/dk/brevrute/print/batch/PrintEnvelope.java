package dk.brevrute.print.batch;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One envelope of a closed batch; {@code seq} is its place in the print file (sorted by postcode). */
@Entity
@Table(name = "print_envelope")
class PrintEnvelope {

    @Id
    UUID id;

    @Column(name = "batch_id", nullable = false)
    UUID batchId;

    @Column(nullable = false)
    int seq;

    @Column(nullable = false)
    boolean carrier;

    @Column(nullable = false)
    int sheets;

    @Column(nullable = false)
    int letters;

    @Column(nullable = false)
    String zone;

    @Column(nullable = false)
    String country;

    String postcode;

    @Column(name = "weight_grams")
    Integer weightGrams;

    BigDecimal postage;
}
