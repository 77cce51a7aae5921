package dk.brevrute.kit.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.WebApplicationException;

import dk.brevrute.kit.api.ProblemException;
import dk.brevrute.kit.observability.TraceContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.hibernate.query.NativeQuery;
import org.jboss.logging.Logger;

/**
 * The audit trail of reads of personal data: every read of a letter, a document or a citizen's
 * registration is a row in {@code audit_record} (who, roles, department, when, what, why, outcome),
 * written in its own transaction in the service's database. The row is written before the answer
 * leaves: if it cannot be written, the read fails (no unaudited reads). Rows are never changed.
 */
@ApplicationScoped
public class Audit {

    private static final Logger LOG = Logger.getLogger(Audit.class);

    /** Rows per INSERT statement: well within PostgreSQL's 32,767 parameters per statement. */
    private static final int ROWS_PER_STATEMENT = 1000;

    /** Kinds of things whose reads are audited. */
    public static final String LETTER = "LETTER";
    public static final String DOCUMENT = "DOCUMENT";
    /** A citizen, by the service's keyed hash of the CPR number (never the number). */
    public static final String CITIZEN = "CITIZEN";
    /** A print batch's file or manifest: every letter in it, with addresses. */
    public static final String PRINT_BATCH = "PRINT_BATCH";

    /** Actions. */
    public static final String READ = "READ";
    public static final String DOWNLOAD = "DOWNLOAD";
    public static final String LOOKUP = "LOOKUP";
    public static final String ACCESS_REQUEST = "ACCESS_REQUEST";

    /** Outcomes. */
    public static final String OK = "OK";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String DENIED = "DENIED";
    public static final String INVALID = "INVALID";
    public static final String ERROR = "ERROR";

    /** One audited read, as the auditor sees it. */
    public record Entry(long id, Instant at, String actor, List<String> roles, String department, String action, String kind,
            String subjectId, String purpose, String outcome, String endpoint, String traceId) {
    }

    /** What to look for; nulls match anything; {@code from} inclusive, {@code to} exclusive. */
    public record Query(String kind, String subjectId, String actor, Instant from, Instant to, long offset, int limit) {
    }

    private final EntityManager em;
    private final AuditCaller caller;

    Audit(EntityManager em, AuditCaller caller) {
        this.em = em;
        this.caller = caller;
    }

    /**
     * Runs {@code read} and records it (action READ) with its outcome: OK, or the outcome of the
     * problem it ended with (which is then thrown on).
     */
    public <T> T read(String kind, Object id, Supplier<T> read) {
        return read(READ, kind, id, read);
    }

    /** As {@link #read(String, Object, Supplier)} with another action (DOWNLOAD, LOOKUP, ACCESS_REQUEST). */
    public <T> T read(String action, String kind, Object id, Supplier<T> read) {
        T result;
        try {
            result = read.get();
        } catch (RuntimeException e) {
            record(action, kind, id, outcomeOf(e));
            throw e;
        }
        record(action, kind, id, OK);
        return result;
    }

    /**
     * As {@link #read(String, Object, Supplier)} for a read of the database: the read and its record
     * (OK) in one new transaction, one commit instead of two. A read that fails is rolled back and
     * recorded with its outcome in a transaction of its own, as with {@code read}; if the record cannot
     * be written, the read fails too.
     */
    public <T> T readInTransaction(String kind, Object id, Supplier<T> read) {
        AuditCaller.Who who = caller.current();
        String trace = traceId();
        T result;
        try {
            result = QuarkusTransaction.requiringNew().call(() -> {
                T r = read.get();
                insert(who, READ, kind, String.valueOf(id), OK, trace);
                return r;
            });
        } catch (RuntimeException e) {
            record(READ, kind, id, outcomeOf(e));
            throw e;
        }
        return result;
    }

    /**
     * As {@link #readInTransaction} for one read of several things of a kind (documents fetched
     * together): {@code outcomes} gives each id's outcome from the read's result, and those records are
     * written in the read's transaction, in one statement. An id it leaves out was not read and gets no
     * record. If the read fails, every one of {@code ids} is recorded with the failure's outcome.
     */
    public <T> T readAllInTransaction(String kind, Collection<?> ids, Supplier<T> read, Function<T, Map<?, String>> outcomes) {
        AuditCaller.Who who = caller.current();
        String trace = traceId();
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                T r = read.get();
                insert(who, READ, kind, outcomes.apply(r), trace);
                return r;
            });
        } catch (RuntimeException e) {
            recordAll(READ, kind, ids, outcomeOf(e));
            throw e;
        }
    }

    /** Records one read of each id (e.g. every letter of a batch), all in one transaction. */
    public void recordAll(String action, String kind, Collection<?> ids, String outcome) {
        AuditCaller.Who who = caller.current();
        String trace = traceId();
        Map<Object, String> outcomes = new LinkedHashMap<>();
        ids.forEach(id -> outcomes.put(id, outcome));
        QuarkusTransaction.requiringNew().run(() -> insert(who, action, kind, outcomes, trace));
    }

    /** Records one read, in a transaction of its own (so it stays when the caller's work rolls back). */
    public void record(String action, String kind, Object id, String outcome) {
        AuditCaller.Who who = caller.current();
        String trace = traceId();
        QuarkusTransaction.requiringNew().run(() -> insert(who, action, kind, String.valueOf(id), outcome, trace));
    }

    /** The audit trail, newest first. */
    public List<Entry> find(Query q) {
        StringBuilder sql = new StringBuilder("SELECT id, at, actor, roles, department, action, kind, subject_id, purpose, outcome, "
                + "endpoint, trace_id FROM audit_record WHERE true");
        List<Object> params = new ArrayList<>();
        if (q.kind() != null) {
            params.add(q.kind());
            sql.append(" AND kind = ?").append(params.size());
        }
        if (q.subjectId() != null) {
            params.add(q.subjectId());
            sql.append(" AND subject_id = ?").append(params.size());
        }
        if (q.actor() != null) {
            params.add(q.actor());
            sql.append(" AND actor = ?").append(params.size());
        }
        if (q.from() != null) {
            params.add(q.from());
            sql.append(" AND at >= ?").append(params.size());
        }
        if (q.to() != null) {
            params.add(q.to());
            sql.append(" AND at < ?").append(params.size());
        }
        sql.append(" ORDER BY at DESC, id DESC LIMIT ").append(q.limit()).append(" OFFSET ").append(q.offset());
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = em.createNativeQuery(sql.toString());
            for (int i = 0; i < params.size(); i++) {
                query.setParameter(i + 1, params.get(i));
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = query.getResultList();
            return rows.stream().map(Audit::entry).toList();
        });
    }

    /** Every record about any of the given things of one kind (for an access request: who read this citizen's data). */
    public List<Entry> concerning(String kind, Collection<String> subjectIds, int limit) {
        if (subjectIds.isEmpty()) {
            return List.of();
        }
        List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(subjectIds));
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            in.append(i == 0 ? "" : ", ").append('?').append(i + 2);
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = em.createNativeQuery("SELECT id, at, actor, roles, department, action, kind, subject_id, purpose, outcome, "
                    + "endpoint, trace_id FROM audit_record WHERE kind = ?1 AND subject_id IN (" + in + ") ORDER BY at DESC, id DESC LIMIT "
                    + Math.max(1, limit));
            query.setParameter(1, kind);
            for (int i = 0; i < ids.size(); i++) {
                query.setParameter(i + 2, ids.get(i));
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = query.getResultList();
            return rows.stream().map(Audit::entry).toList();
        });
    }

    /** Within the caller's transaction. */
    private void insert(AuditCaller.Who who, String action, String kind, String id, String outcome, String traceId) {
        insert(who, action, kind, Map.of(id, outcome), traceId);
    }

    /** One row per id with its outcome, within the caller's transaction: one statement per 1,000 rows. */
    private void insert(AuditCaller.Who who, String action, String kind, Map<?, String> outcomes, String traceId) {
        List<Map.Entry<?, String>> rows = new ArrayList<>(outcomes.entrySet());
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<Map.Entry<?, String>> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            StringBuilder sql = new StringBuilder("INSERT INTO audit_record (actor, roles, department, action, kind, purpose, endpoint, "
                    + "trace_id, subject_id, outcome) VALUES ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?").append(9 + 2 * i).append(", ?").append(10 + 2 * i)
                        .append(')');
            }
            // Declares the one table it writes, so it flushes nothing else of the transaction.
            var query = em.createNativeQuery(sql.toString()).unwrap(NativeQuery.class).addSynchronizedQuerySpace("audit_record")
                    .setParameter(1, who.actor())
                    .setParameter(2, String.join(",", who.roles()))
                    .setParameter(3, who.department())
                    .setParameter(4, action)
                    .setParameter(5, kind)
                    .setParameter(6, who.purpose())
                    .setParameter(7, who.endpoint())
                    .setParameter(8, traceId);
            for (int i = 0; i < chunk.size(); i++) {
                query.setParameter(9 + 2 * i, String.valueOf(chunk.get(i).getKey()));
                query.setParameter(10 + 2 * i, chunk.get(i).getValue());
            }
            query.executeUpdate();
        }
        LOG.debugf("audit: %s %s %s by %s", action, kind, outcomes, who.actor());
    }

    static String outcomeOf(RuntimeException e) {
        int status = e instanceof ProblemException p ? p.status()
                : e instanceof WebApplicationException w ? w.getResponse().getStatus() : 500;
        if (status == 404 || status == 410) {
            return NOT_FOUND;
        }
        if (status == 401 || status == 403) {
            return DENIED;
        }
        return status >= 400 && status < 500 ? INVALID : ERROR;
    }

    private static String traceId() {
        TraceContext trace = TraceContext.current();
        if (trace == null) {
            return null;
        }
        String[] parts = trace.traceparent().split("-");
        return parts.length > 1 ? parts[1] : null;
    }

    private static Entry entry(Object[] r) {
        String roles = (String) r[3];
        return new Entry(((Number) r[0]).longValue(), instant(r[1]), (String) r[2],
                roles == null || roles.isEmpty() ? List.of() : Arrays.asList(roles.split(",")), (String) r[4], (String) r[5],
                (String) r[6], (String) r[7], (String) r[8], (String) r[9], (String) r[10], (String) r[11]);
    }

    private static Instant instant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (o instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        return null;
    }
}
