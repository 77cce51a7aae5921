package dk.brevrute.print.access;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dk.brevrute.events.CitizenKey;
import dk.brevrute.kit.api.ProblemException;
import dk.brevrute.kit.audit.Audit;
import dk.brevrute.kit.privacy.CprMask;
import dk.brevrute.print.config.PrintConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * An access request (GDPR art. 15) for one citizen, by an auditor: the paper letters addressed to
 * them, found by the print centre's keyed hash of the CPR number (given in the body, never the URL)
 * and, for letters whose address is not resolved yet, by the number itself. The request is audited.
 */
@Path("/api/v1/admin/access-requests")
@RolesAllowed("auditor")
@Produces(MediaType.APPLICATION_JSON)
class AccessRequestResource {

    static final int MAX_LETTERS = 5000;
    static final int MAX_ACCESS_LOG = 1000;

    record Request(String cpr) {
    }

    /** The address as the letter was sent; null once retention removed it (postcode, city and country stay). */
    record Address(String name, String street, String supplement, String postcode, String city, String country) {
    }

    record Letter(UUID letterId, String department, String channel, String status, Instant receivedAt, Instant deliveredAt,
            Instant returnedAt, String returnReason, String failureReason, UUID batchId, String addressSource,
            boolean addressProtected, Address address, Instant addressRemovedAt, BigDecimal postage) {
    }

    /**
     * What the print centre holds; {@code citizenKeyConfigured} false means letters whose address was
     * already resolved cannot be found by citizen (print.citizen-key.secret is not set).
     */
    record Answer(String cpr, boolean citizenKeyConfigured, List<Letter> letters, boolean lettersTruncated, List<Audit.Entry> accessLog) {
    }

    private final EntityManager em;
    private final CitizenKey citizenKey;
    private final Audit audit;

    AccessRequestResource(EntityManager em, PrintConfig config, Audit audit) {
        this.em = em;
        this.citizenKey = config.citizenKey().secret().map(CitizenKey::new).orElse(null);
        this.audit = audit;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The paper letters addressed to one citizen (CPR number in the body), and who read them")
    public Answer request(Request request) {
        if (request == null || request.cpr() == null || !request.cpr().strip().matches("[0-9]{6}-?[0-9]{4}")) {
            throw new ProblemException(422, "invalid-cpr", "Invalid CPR number", "give a CPR number of 10 digits");
        }
        String digits = request.cpr().strip().replace("-", "");
        String key = citizenKey == null ? null : citizenKey.of(digits);
        // Without the print centre's citizen key the request is recorded under the masked number (never the number).
        return audit.read(Audit.ACCESS_REQUEST, Audit.CITIZEN, key != null ? key : CprMask.mask(digits), () -> answer(digits, key));
    }

    private Answer answer(String digits, String key) {
        List<Letter> letters = QuarkusTransaction.requiringNew().call(() -> letters(digits, key));
        boolean truncated = letters.size() > MAX_LETTERS;
        List<Letter> shown = truncated ? letters.subList(0, MAX_LETTERS) : letters;
        List<Audit.Entry> log = new ArrayList<>();
        if (key != null) {
            log.addAll(audit.concerning(Audit.CITIZEN, List.of(key), MAX_ACCESS_LOG));
        }
        log.addAll(audit.concerning(Audit.LETTER, shown.stream().map(l -> l.letterId().toString()).toList(), MAX_ACCESS_LOG));
        log.addAll(audit.concerning(Audit.PRINT_BATCH, shown.stream().map(Letter::batchId).filter(Objects::nonNull).map(UUID::toString)
                .distinct().toList(), MAX_ACCESS_LOG));
        log.sort((a, b) -> b.at().compareTo(a.at()));
        return new Answer(CprMask.mask(digits), citizenKey != null, shown, truncated, log);
    }

    @SuppressWarnings("unchecked")
    private List<Letter> letters(String digits, String key) {
        String where = key != null ? "citizen_key = ?1 OR replace(recipient_cpr, '-', '') = ?2" : "replace(recipient_cpr, '-', '') = ?2";
        var query = em.createNativeQuery("""
                SELECT letter_id, department, status, received_at, delivered_at, returned_at, return_reason, failure_reason,
                       coalesce(batch_id, left_batch_id), address_source, address_protected, addr_name, addr_street, addr_supplement,
                       addr_postcode, addr_city, addr_country, address_removed_at, postage
                FROM print_letter
                WHERE %s
                ORDER BY received_at DESC LIMIT ?3""".formatted(where));
        if (key != null) {
            query.setParameter(1, key);
        }
        List<Object[]> rows = query.setParameter(2, digits).setParameter(3, MAX_LETTERS + 1).getResultList();
        return rows.stream().map(r -> {
            boolean anyAddress = r[14] != null || r[15] != null || r[16] != null || r[11] != null || r[12] != null;
            return new Letter((UUID) r[0], (String) r[1], "PRINT", (String) r[2], instant(r[3]), instant(r[4]), instant(r[5]),
                    (String) r[6], (String) r[7], (UUID) r[8], (String) r[9], Boolean.TRUE.equals(r[10]),
                    anyAddress ? new Address((String) r[11], (String) r[12], (String) r[13], (String) r[14], (String) r[15], (String) r[16]) : null,
                    instant(r[17]), (BigDecimal) r[18]);
        }).toList();
    }

    private static Instant instant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return o instanceof java.sql.Timestamp ts ? ts.toInstant() : null;
    }
}
