package dk.brevrute.print.batch;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.query.NativeQuery;

/** Letters cancelled before their PRINT decision arrived (events on different topics can overtake each other). */
@ApplicationScoped
class CancelledLetters {

    private final EntityManager em;

    CancelledLetters(EntityManager em) {
        this.em = em;
    }

    /** Which of {@code letterIds} were cancelled (one query). */
    Set<UUID> among(Collection<UUID> letterIds) {
        if (letterIds.isEmpty()) {
            return Set.of();
        }
        // Declares the one table it reads, so Hibernate flushes before it only when that table has pending changes.
        @SuppressWarnings("unchecked")
        List<UUID> cancelled = em.createNativeQuery("SELECT letter_id FROM cancelled_letter WHERE letter_id IN (?1)", UUID.class)
                .unwrap(NativeQuery.class).addSynchronizedQuerySpace("cancelled_letter")
                .setParameter(1, letterIds).getResultList();
        return new HashSet<>(cancelled);
    }

    void add(UUID letterId, Instant at) {
        em.createNativeQuery("INSERT INTO cancelled_letter (letter_id, cancelled_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .unwrap(NativeQuery.class).addSynchronizedQuerySpace("cancelled_letter")
                .setParameter(1, letterId)
                .setParameter(2, at)
                .executeUpdate();
    }
}
