package dk.brevrute.intake.document;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

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
