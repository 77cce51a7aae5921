package dk.brevrute.print.batch;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dk.brevrute.events.PostageClass;
import dk.brevrute.events.PostalAddress;
import dk.brevrute.events.RoutingReason;

/** A letter the print centre must print, envelope, frank and mail, from its PRINT decision to hand-over. */
@Entity
@Table(name = "print_letter")
class PrintLetter {

    /** The letter's own trace, else the current one (a letter queued before traces were kept). */
    dk.brevrute.kit.observability.TraceContext trace() {
        dk.brevrute.kit.observability.TraceContext stored = dk.brevrute.kit.observability.TraceContext.of(traceparent, tracestate);
        return stored != null ? stored : dk.brevrute.kit.observability.TraceContext.current();
    }


    enum Status {
        /** Routed to PRINT; document and address not yet prepared. */
        WAITING,
        /** In an open batch. */
        BATCHED,
        /** In a closed batch, being printed. */
        IN_PRINT,
        DELIVERED,
        RETURNED,
        /** Cannot be printed (no address, no document); reported as a permanent delivery failure. */
        FAILED,
        CANCELLED,
        /** Left its batch because routing now sends it digitally. */
        REROUTED
    }

    enum AddressSource {
        WINDOW,
        REQUEST,
        CPR_REGISTER
    }

    @Id
    @Column(name = "letter_id")
    UUID letterId;

    @Column(nullable = false)
    String department;

    @Column(name = "cost_centre")
    String costCentre;

    @Enumerated(EnumType.STRING)
    @Column(name = "postage_class", nullable = false)
    PostageClass postageClass;

    @Enumerated(EnumType.STRING)
    @Column(name = "routing_reason", nullable = false)
    RoutingReason routingReason;

    @Column(name = "routing_seq", nullable = false)
    int routingSequence;

    @Column(name = "document_id", nullable = false)
    String documentId;

    @Column(name = "document_sha256", nullable = false)
    String documentSha256;

    @Column(nullable = false)
    int pages;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Status status;

    @Column(name = "received_at", nullable = false)
    Instant receivedAt;

    /** When letter-intake submitted the letter: the start of its end-to-end latency. */
    @Column(name = "submitted_at")
    Instant submittedAt;

    /** The letter's trace (W3C); the events of its batch continue it. */
    String traceparent;

    String tracestate;

    @Column(name = "recipient_cpr")
    String recipientCpr;

    /** The address given with the request, as JSON. */
    @Column(name = "request_address")
    String requestAddress;

    @Column(name = "citizen_key")
    String citizenKey;

    @Column(name = "address_key")
    String addressKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "address_source")
    AddressSource addressSource;

    @Column(name = "address_protected", nullable = false)
    boolean addressProtected;

    @Column(name = "addr_name")
    String addrName;

    @Column(name = "addr_street")
    String addrStreet;

    @Column(name = "addr_supplement")
    String addrSupplement;

    @Column(name = "addr_postcode")
    String addrPostcode;

    @Column(name = "addr_city")
    String addrCity;

    @Column(name = "addr_country")
    String addrCountry;

    String zone;

    /** Sheets of the letter alone: its pages, plus a carrier sheet if it does not show its own address. */
    Integer sheets;

    @Column(name = "envelope_size")
    String envelopeSize;

    @Column(nullable = false)
    int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    Instant nextAttemptAt;

    @Column(name = "claimed_until")
    Instant claimedUntil;

    @Column(name = "batch_id")
    UUID batchId;

    @Column(name = "envelope_id")
    UUID envelopeId;

    @Column(name = "envelope_position")
    Integer envelopePosition;

    @Column(name = "left_batch_id")
    UUID leftBatchId;

    @Column(name = "failure_reason")
    String failureReason;

    /** The letter's share of its envelope's sheets (its pages; the first letter also the carrier sheet). */
    @Column(name = "letter_sheets")
    Integer letterSheets;

    BigDecimal postage;

    @Column(name = "material_cost")
    BigDecimal materialCost;

    @Column(name = "consolidation_saving")
    BigDecimal consolidationSaving;

    @Column(name = "tariff_id")
    String tariffId;

    @Column(name = "delivered_at")
    Instant deliveredAt;

    @Column(name = "returned_at")
    Instant returnedAt;

    @Column(name = "return_reason")
    String returnReason;

    @Column(name = "returned_by")
    String returnedBy;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    /** When retention removed the CPR number, name, street and request address of this finished letter. */
    @Column(name = "address_removed_at")
    Instant addressRemovedAt;

    /** Whether the letter's first page shows its address in the window (no carrier sheet needed). */
    boolean showsOwnAddress() {
        return addressSource == AddressSource.WINDOW;
    }

    PostalAddress address() {
        return new PostalAddress(addrName, addrStreet, addrSupplement, addrPostcode, addrCity, addrCountry);
    }

    void address(PostalAddress a) {
        addrName = a.name();
        addrStreet = a.street();
        addrSupplement = a.supplement();
        addrPostcode = a.postcode();
        addrCity = a.city();
        addrCountry = a.country() == null ? "DK" : a.country();
    }
}
