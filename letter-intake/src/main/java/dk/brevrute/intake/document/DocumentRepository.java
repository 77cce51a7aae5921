package dk.brevrute.intake.document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.events.DocumentBatch;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import org.hibernate.query.NativeQuery;

@ApplicationScoped
public class DocumentRepository implements PanacheRepositoryBase<StoredDocument, UUID> {

    public Optional<StoredDocument> byDepartmentAndHash(String department, String sha256) {
        return find("department = ?1 and sha256 = ?2", department, sha256).firstResultOptional();
    }

    /** A department's document by id; another department's document does not exist for it. */
    public Optional<StoredDocument> ofDepartment(UUID id, String department) {
        return find("id = ?1 and department = ?2 and deletedAt is null", id, department).firstResultOptional();
    }

    /** What a delivering service gets of a document: its bytes and what to label and verify them with. */
    public record Deliverable(byte[] content, String sha256, String filename) {
    }

    /**
     * A department's document for delivery, in one query and without a managed entity (nothing for the
     * session to track or flush); empty when there is none or retention has deleted its bytes.
     */
    public Optional<Deliverable> deliverable(UUID id, String department) {
        return getEntityManager().createQuery("select d.content, d.sha256, d.filename from StoredDocument d"
                + " where d.id = ?1 and d.department = ?2 and d.deletedAt is null and d.content is not null", Deliverable.class)
                .setParameter(1, id).setParameter(2, department).getResultList().stream().findFirst();
    }

    /**
     * The documents of a batch fetch, one item per wanted document in the order asked: those of the
     * wanted department with their bytes while the bytes stay within {@code maxAnswerBytes} (a
     * document asked for twice counts once), the rest to be fetched singly; another department's
     * document, or one whose bytes retention deleted, is not found. Two queries whatever the number.
     */
    public List<DocumentBatch.Item> deliverables(List<DocumentBatch.Wanted> wanted, long maxAnswerBytes) {
        Set<UUID> ids = new HashSet<>();
        wanted.forEach(w -> ids.add(w.documentId()));
        Map<UUID, Object[]> listed = new HashMap<>();
        for (Object[] row : rows("SELECT id, department, size_bytes, sha256, filename FROM document"
                + " WHERE id = ANY(?1) AND deleted_at IS NULL AND content IS NOT NULL", ids)) {
            listed.put((UUID) row[0], row);
        }
        Set<UUID> included = new HashSet<>();
        long bytes = 0;
        for (DocumentBatch.Wanted w : wanted) {
            Object[] row = listed.get(w.documentId());
            if (row != null && row[1].equals(w.department()) && !included.contains(w.documentId())
                    && bytes + ((Number) row[2]).longValue() <= maxAnswerBytes) {
                included.add(w.documentId());
                bytes += ((Number) row[2]).longValue();
            }
        }
        Map<UUID, byte[]> contents = new HashMap<>();
        if (!included.isEmpty()) {
            for (Object[] row : rows("SELECT id, content FROM document WHERE id = ANY(?1)", included)) {
                contents.put((UUID) row[0], (byte[]) row[1]);
            }
        }
        List<DocumentBatch.Item> items = new ArrayList<>(wanted.size());
        for (DocumentBatch.Wanted w : wanted) {
            Object[] row = listed.get(w.documentId());
            byte[] content = contents.get(w.documentId());
            if (row == null || !row[1].equals(w.department())) {
                items.add(new DocumentBatch.Item(w.documentId(), w.department(), DocumentBatch.Status.NOT_FOUND, null, null, null));
            } else if (content == null) {
                items.add(new DocumentBatch.Item(w.documentId(), w.department(), DocumentBatch.Status.FETCH_SINGLY, null, null, null));
            } else {
                items.add(new DocumentBatch.Item(w.documentId(), w.department(), DocumentBatch.Status.OK, (String) row[3], (String) row[4],
                        content));
            }
        }
        return items;
    }

    /**
     * Rows of a native query over the document table with the ids as its one (array) parameter:
     * Hibernate translates an HQL query with an in-list again on every call.
     */
    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Set<UUID> ids) {
        return getEntityManager().createNativeQuery(sql).unwrap(NativeQuery.class).addSynchronizedQuerySpace("document")
                .setParameter(1, ids.toArray(UUID[]::new)).getResultList();
    }

    /** The bytes of a department's document, unless deleted by retention. */
    public Optional<byte[]> content(UUID id, String department) {
        return getEntityManager().createQuery(
                "select d.content from StoredDocument d where d.id = ?1 and d.department = ?2 and d.deletedAt is null", byte[].class)
                .setParameter(1, id).setParameter(2, department).getResultList().stream().findFirst();
    }

    /**
     * Inserts unless the department already stores these bytes; safe against concurrent inserts. True
     * when inserted. Declares the one table it writes, so it flushes nothing else of the transaction.
     */
    public boolean insertIfAbsent(StoredDocument d) {
        return getEntityManager().createNativeQuery("""
                INSERT INTO document (id, department, sha256, size_bytes, pages, media_type, filename, content, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                ON CONFLICT (department, sha256) DO NOTHING""")
                .unwrap(NativeQuery.class).addSynchronizedQuerySpace("document")
                .setParameter(1, d.id)
                .setParameter(2, d.department)
                .setParameter(3, d.sha256)
                .setParameter(4, d.sizeBytes)
                .setParameter(5, d.pages)
                .setParameter(6, d.mediaType)
                .setParameter(7, d.filename)
                .setParameter(8, d.content)
                .setParameter(9, d.createdAt)
                .executeUpdate() == 1;
    }
}
