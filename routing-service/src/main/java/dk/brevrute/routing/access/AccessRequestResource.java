package dk.brevrute.routing.access;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * An access request (GDPR art. 15) for one citizen, by an auditor: what routing holds about them, by
 * the keyed hash of the CPR number given in the body (never the URL). The request itself is audited.
 */
@Path("/api/v1/admin/access-requests")
@RolesAllowed("auditor")
@Produces(MediaType.APPLICATION_JSON)
class AccessRequestResource {

    static final int MAX_LETTERS = 5000;
    static final int MAX_ACCESS_LOG = 1000;

    record Request(String cpr) {
    }

    record RegistrationState(String status, LocalDate exemptUntil, Instant changedAt, Instant updatedAt) {
    }

    record RegistrationChange(String status, LocalDate exemptUntil, Instant changedAt, Instant recordedAt) {
    }

    record LookupAnswer(boolean registered, Instant lookedUpAt, Instant expiresAt) {
    }

    record Decision(int sequence, String channel, String reason, String failureKind, Instant decidedAt) {
    }

    record Letter(UUID letterId, String department, Instant receivedAt, String state, String channel, String reason,
            Instant routedAt, Instant readAt, Instant contentRemovedAt, List<Decision> decisions) {
    }

    /** Everything routing holds about the citizen; the CPR number masked, as auditors see it. */
    record Answer(String cpr, String citizenKey, RegistrationState registration, List<RegistrationChange> registrationHistory,
            LookupAnswer sf1601Lookup, List<Letter> letters, boolean lettersTruncated, List<Audit.Entry> accessLog) {
    }

    private final EntityManager em;
    private final CitizenKey citizenKey;
    private final Audit audit;

    AccessRequestResource(EntityManager em, CitizenKey citizenKey, Audit audit) {
        this.em = em;
        this.citizenKey = citizenKey;
        this.audit = audit;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "What routing holds about one citizen (CPR number in the body): registration and its history, "
            + "letters routed for them with every decision, and who read their data")
    public Answer request(Request request) {
        if (request == null || request.cpr() == null || !request.cpr().strip().matches("[0-9]{6}-?[0-9]{4}")) {
            throw new ProblemException(422, "invalid-cpr", "Invalid CPR number", "give a CPR number of 10 digits");
        }
        String cpr = request.cpr().strip();
        String key = citizenKey.of(cpr);
        return audit.read(Audit.ACCESS_REQUEST, Audit.CITIZEN, key, () -> answer(cpr, key));
    }

    private Answer answer(String cpr, String key) {
        Answer held = QuarkusTransaction.requiringNew().call(() -> {
            List<Letter> letters = letters(key);
            return new Answer(CprMask.mask(cpr), key, registration(key), history(key), lookup(key),
                    letters.size() > MAX_LETTERS ? letters.subList(0, MAX_LETTERS) : letters, letters.size() > MAX_LETTERS, List.of());
        });
        List<Audit.Entry> log = new ArrayList<>(audit.concerning(Audit.CITIZEN, List.of(key), MAX_ACCESS_LOG));
        log.addAll(audit.concerning(Audit.LETTER, held.letters().stream().map(l -> l.letterId().toString()).toList(), MAX_ACCESS_LOG));
        log.sort((a, b) -> b.at().compareTo(a.at()));
        return new Answer(held.cpr(), held.citizenKey(), held.registration(), held.registrationHistory(), held.sf1601Lookup(),
                held.letters(), held.lettersTruncated(), log);
    }

    private RegistrationState registration(String key) {
        List<Object[]> rows = rows("SELECT status, exempt_until, changed_at, updated_at FROM registration WHERE citizen_key = ?1", key);
        return rows.isEmpty() ? null
                : new RegistrationState((String) rows.get(0)[0], date(rows.get(0)[1]), Times.instant(rows.get(0)[2]), Times.instant(rows.get(0)[3]));
    }

    private List<RegistrationChange> history(String key) {
        return rows("SELECT status, exempt_until, changed_at, recorded_at FROM registration_history WHERE citizen_key = ?1 "
                + "ORDER BY changed_at, id", key).stream()
                .map(r -> new RegistrationChange((String) r[0], date(r[1]), Times.instant(r[2]), Times.instant(r[3]))).toList();
    }

    private LookupAnswer lookup(String key) {
        List<Object[]> rows = rows("SELECT registered, looked_up_at, expires_at FROM lookup_cache WHERE citizen_key = ?1", key);
        return rows.isEmpty() ? null : new LookupAnswer((Boolean) rows.get(0)[0], Times.instant(rows.get(0)[1]), Times.instant(rows.get(0)[2]));
    }

    @SuppressWarnings("unchecked")
    private List<Letter> letters(String key) {
        List<Object[]> rows = em.createNativeQuery("SELECT letter_id, department, created_at, state, routed_channel, routed_reason, "
                + "routed_at, read_at, content_stripped_at FROM routing_letter WHERE citizen_key = ?1 ORDER BY created_at DESC LIMIT ?2")
                .setParameter(1, key).setParameter(2, MAX_LETTERS + 1).getResultList();
        List<Letter> letters = new ArrayList<>();
        for (Object[] r : rows) {
            UUID id = (UUID) r[0];
            List<Decision> decisions = ((List<Object[]>) em.createNativeQuery("SELECT sequence, channel, reason, failure_kind, decided_at "
                    + "FROM routing_decision WHERE letter_id = ?1 ORDER BY sequence").setParameter(1, id).getResultList()).stream()
                    .map(d -> new Decision(((Number) d[0]).intValue(), (String) d[1], (String) d[2], (String) d[3], Times.instant(d[4])))
                    .toList();
            letters.add(new Letter(id, (String) r[1], Times.instant(r[2]), (String) r[3], (String) r[4], (String) r[5],
                    Times.instant(r[6]), Times.instant(r[7]), Times.instant(r[8]), decisions));
        }
        return letters;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, String key) {
        return em.createNativeQuery(sql).setParameter(1, key).getResultList();
    }

    private static LocalDate date(Object o) {
        if (o instanceof LocalDate d) {
            return d;
        }
        return o instanceof java.sql.Date d ? d.toLocalDate() : null;
    }
}
