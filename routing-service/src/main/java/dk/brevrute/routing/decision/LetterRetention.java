package dk.brevrute.routing.decision;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.PostalAddress;
import dk.brevrute.events.Recipient;
import dk.brevrute.kit.privacy.CprMask;
import dk.brevrute.routing.config.RoutingConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;

/**
 * Retention of letter content: routing keeps each letter as submitted (with the recipient's CPR number
 * and address) only while it may still decide for it. A finished letter, or one untouched for
 * {@code routing.retention.letter-content}, keeps its metadata (ids, department, reference, subject,
 * class, flags, document reference, decisions) with the CPR number masked ({@code DDMMYY-****}) and the
 * address reduced to postcode, city and country; its citizen key stays, so an access request still
 * finds it. One replica at a time (advisory lock), rows claimed FOR UPDATE SKIP LOCKED.
 */
@ApplicationScoped
class LetterRetention {

    private static final Logger LOG = Logger.getLogger(LetterRetention.class);
    /** Advisory lock key of this job ("routing retention"). */
    static final long LOCK = 0x726f7574_72657431L;

    private final RoutedLetterRepository letters;
    private final Router router;
    private final EntityManager em;
    private final ObjectMapper mapper;
    private final RoutingConfig config;

    LetterRetention(RoutedLetterRepository letters, Router router, EntityManager em, ObjectMapper mapper, RoutingConfig config) {
        this.letters = letters;
        this.router = router;
        this.em = em;
        this.mapper = mapper;
        this.config = config;
    }

    @Scheduled(every = "${routing.retention.every:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        if (!config.retention().enabled()) {
            return;
        }
        try {
            int masked = run(Instant.now());
            if (masked > 0) {
                LOG.infof("retention: content of %d letters masked", masked);
            }
        } catch (RuntimeException e) {
            LOG.warnf("retention: %s; next run retries", e.getClass().getSimpleName());
        }
    }

    /** Masks every letter due at {@code now}; returns how many. */
    int run(Instant now) {
        int limit = config.retention().batchSize();
        Instant cutoff = now.minus(config.retention().letterContent());
        int total = 0;
        int n;
        do {
            n = QuarkusTransaction.requiringNew().call(() -> batch(cutoff, now, limit));
            total += Math.max(n, 0);
        } while (n == limit);
        return total;
    }

    /** One batch; -1 when another replica holds the lock. */
    private int batch(Instant cutoff, Instant now, int limit) {
        Boolean locked = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)").setParameter(1, LOCK).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return -1;
        }
        List<RoutedLetter> due = letters.claimForRetention(cutoff, limit);
        for (RoutedLetter row : due) {
            strip(row, now);
        }
        return due.size();
    }

    private void strip(RoutedLetter row, Instant now) {
        LetterSubmitted letter = parse(row.letter);
        if (letter != null) {
            if (row.citizenKey == null) {
                row.citizenKey = router.citizenKeyOf(letter);
            }
            row.letter = json(masked(letter));
        } else {
            row.letter = "{}";
        }
        row.contentStrippedAt = now;
    }

    /** The letter as the record of what was sent: no CPR number, no name or street. */
    static LetterSubmitted masked(LetterSubmitted l) {
        Recipient r = l.recipient();
        Recipient kept = r == null ? null : new Recipient(r.type(), CprMask.mask(r.cpr()), r.cvr(), coarse(r.address()));
        return new LetterSubmitted(l.eventId(), l.occurredAt(), l.letterId(), l.department(), l.senderReference(), l.unit(), kept,
                l.subject(), l.postageClass(), l.forcePaper(), l.mandatory(), l.legalNotification(), l.notBefore(),
                l.printIfUnreadAfterDays(), l.costCentre(), l.document());
    }

    private static PostalAddress coarse(PostalAddress a) {
        return a == null ? null : new PostalAddress(null, null, null, a.postcode(), a.city(), a.country());
    }

    private LetterSubmitted parse(String json) {
        if (json == null || json.isBlank() || json.strip().equals("{}")) {
            return null;
        }
        try {
            return mapper.readValue(json, LetterSubmitted.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private String json(LetterSubmitted letter) {
        try {
            return mapper.writeValueAsString(letter);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
