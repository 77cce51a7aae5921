package dk.brevrute.intake.letter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class LetterRepository implements PanacheRepositoryBase<Letter, UUID> {

    /**
     * Locks these letters ({@code PESSIMISTIC_WRITE}: {@code FOR NO KEY UPDATE} on PostgreSQL) in one
     * statement and keeps them in the persistence context, so that each handler's {@code findById(id, PESSIMISTIC_WRITE)} finds its letter locked
     * without asking again. In id order, which is the order of the ids as text: the order in which
     * every consumer of letter-intake locks letters (a poll's records go by key, the letter id), so
     * two transactions cannot wait for each other.
     */
    public void lockAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        getEntityManager().createQuery("from Letter l where l.id in ?1 order by l.id", Letter.class)
                .setParameter(1, ids.stream().distinct().toList()).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
    }

    public Optional<Letter> byReference(String department, String senderReference) {
        return find("department = ?1 and senderReference = ?2", department, senderReference).firstResultOptional();
    }

    /** A department's letter; another department's letter does not exist for it. */
    public Optional<Letter> ofDepartment(UUID id, String department) {
        return find("id = ?1 and department = ?2", id, department).firstResultOptional();
    }

    /** A department's letters, newest first, filtered by what is given. */
    public List<Letter> search(String department, String senderReference, Letter.Status status, Instant from, Instant to,
            int page, int size) {
        List<String> where = new ArrayList<>(List.of("department = :department"));
        Map<String, Object> params = new HashMap<>(Map.of("department", department));
        if (senderReference != null) {
            where.add("senderReference = :ref");
            params.put("ref", senderReference);
        }
        if (status != null) {
            where.add("status = :status");
            params.put("status", status);
        }
        if (from != null) {
            where.add("createdAt >= :from");
            params.put("from", from);
        }
        if (to != null) {
            where.add("createdAt < :to");
            params.put("to", to);
        }
        return find(String.join(" and ", where), Sort.descending("createdAt").and("id"), params)
                .page(Page.of(page, size)).list();
    }
}
