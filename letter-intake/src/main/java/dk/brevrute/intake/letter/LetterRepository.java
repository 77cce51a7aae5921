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
import org.hibernate.LockMode;
import org.hibernate.query.NativeQuery;

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
        List<UUID> distinct = ids.stream().distinct().toList();
        if (distinct.size() == 1) {
            // One letter: Hibernate's load by id, whose plan it keeps, costs less than any query.
            findById(distinct.get(0), LockModeType.PESSIMISTIC_WRITE);
            return;
        }
        // Native SQL with one array parameter: Hibernate translates an HQL query with an in-list again on
        // every call. The letters come back locked in the persistence context, as the HQL query left them.
        getEntityManager().createNativeQuery("SELECT * FROM letter WHERE id = ANY(?1) ORDER BY id FOR NO KEY UPDATE")
                .unwrap(NativeQuery.class).addEntity("letter", Letter.class, LockMode.PESSIMISTIC_WRITE)
                .setParameter(1, distinct.toArray(UUID[]::new)).getResultList();
    }

    /** A department's sender reference: what makes a request one letter. */
    public record Reference(String department, String senderReference) {
    }

    /** The letters of these references, those that have one, in one statement. */
    @SuppressWarnings("unchecked")
    public List<Letter> byReferences(Collection<Reference> references) {
        if (references.isEmpty()) {
            return List.of();
        }
        if (references.size() == 1) {
            Reference only = references.iterator().next();
            return byReference(only.department(), only.senderReference()).stream().toList();
        }
        return getEntityManager().createNativeQuery("""
                SELECT l.* FROM letter l JOIN unnest(?1, ?2) AS r(department, sender_reference)
                ON l.department = r.department AND l.sender_reference = r.sender_reference""")
                .unwrap(NativeQuery.class).addEntity("l", Letter.class)
                .setParameter(1, references.stream().map(Reference::department).toArray(String[]::new))
                .setParameter(2, references.stream().map(Reference::senderReference).toArray(String[]::new))
                .getResultList();
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
