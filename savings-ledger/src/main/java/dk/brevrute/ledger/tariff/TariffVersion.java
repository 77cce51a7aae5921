package dk.brevrute.ledger.tariff;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import dk.brevrute.events.PostageClass;
import dk.brevrute.events.TariffVersionPublished.EnvelopeRate;
import dk.brevrute.events.TariffVersionPublished.PostageRate;

/** A stored tariff version. Never changed (a trigger refuses updates): a new price is a new version. */
@Entity
@Table(name = "tariff_version")
class TariffVersion {

    @Id
    @Column(name = "tariff_id")
    String tariffId;

    @Column(name = "effective_from", nullable = false)
    LocalDate effectiveFrom;

    String label;

    @Column(nullable = false)
    boolean example;

    @Column(name = "paper_per_sheet", nullable = false)
    BigDecimal paperPerSheet;

    @Column(name = "print_per_sheet", nullable = false)
    BigDecimal printPerSheet;

    @Column(name = "handling_per_letter", nullable = false)
    BigDecimal handlingPerLetter;

    @Column(name = "digital_post_fee", nullable = false)
    BigDecimal digitalPostFee;

    @Column(name = "sheet_weight_grams", nullable = false)
    int sheetWeightGrams;

    @Column(name = "created_by", nullable = false)
    String createdBy;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    Instant createdAt;

    @ElementCollection
    @CollectionTable(name = "tariff_postage_rate", joinColumns = @JoinColumn(name = "tariff_id"))
    List<Rate> postage = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "tariff_envelope", joinColumns = @JoinColumn(name = "tariff_id"))
    List<Envelope> envelopes = new ArrayList<>();

    @Embeddable
    static class Rate {
        @Enumerated(EnumType.STRING)
        @Column(name = "postage_class", nullable = false)
        PostageClass postageClass;

        @Column(nullable = false)
        String zone;

        @Column(name = "max_weight_grams", nullable = false)
        int maxWeightGrams;

        @Column(nullable = false)
        BigDecimal price;
    }

    @Embeddable
    static class Envelope {
        @Column(nullable = false)
        String size;

        @Column(nullable = false)
        BigDecimal price;

        @Column(name = "weight_grams", nullable = false)
        int weightGrams;

        @Column(name = "max_sheets", nullable = false)
        int maxSheets;
    }

    Tariff toTariff() {
        return new Tariff(tariffId, effectiveFrom, label, example,
                postage.stream().map(r -> new PostageRate(r.postageClass, r.zone, r.maxWeightGrams, r.price)).toList(),
                envelopes.stream().map(e -> new EnvelopeRate(e.size, e.price, e.weightGrams, e.maxSheets)).toList(),
                paperPerSheet, printPerSheet, handlingPerLetter, digitalPostFee, sheetWeightGrams, createdBy, createdAt);
    }

    static TariffVersion of(Tariff t) {
        TariffVersion v = new TariffVersion();
        v.tariffId = t.tariffId();
        v.effectiveFrom = t.effectiveFrom();
        v.label = t.label();
        v.example = t.example();
        v.paperPerSheet = t.paperPerSheet();
        v.printPerSheet = t.printPerSheet();
        v.handlingPerLetter = t.handlingPerLetter();
        v.digitalPostFee = t.digitalPostFee();
        v.sheetWeightGrams = t.sheetWeightGrams();
        v.createdBy = t.createdBy();
        for (PostageRate r : t.postage()) {
            Rate rate = new Rate();
            rate.postageClass = r.postageClass();
            rate.zone = r.zone();
            rate.maxWeightGrams = r.maxWeightGrams();
            rate.price = r.price();
            v.postage.add(rate);
        }
        for (EnvelopeRate e : t.envelopes()) {
            Envelope env = new Envelope();
            env.size = e.size();
            env.price = e.price();
            env.weightGrams = e.weightGrams();
            env.maxSheets = e.maxSheets();
            v.envelopes.add(env);
        }
        return v;
    }
}
