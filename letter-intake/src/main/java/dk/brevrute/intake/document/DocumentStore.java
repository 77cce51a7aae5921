package dk.brevrute.intake.document;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Stores documents content-addressed per department: the same bytes twice are one document. */
@ApplicationScoped
public class DocumentStore {

    private final DocumentRepository documents;

    DocumentStore(DocumentRepository documents) {
        this.documents = documents;
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The department's stored document with these bytes ({@code sha}: their SHA-256), storing them if new. */
    @Transactional(Transactional.TxType.MANDATORY)
    public StoredDocument store(String department, byte[] content, String sha, int pages, String filename) {
        StoredDocument d = new StoredDocument();
        d.id = UUID.randomUUID();
        d.department = department;
        d.sha256 = sha;
        d.sizeBytes = content.length;
        d.pages = pages;
        d.mediaType = "application/pdf";
        d.filename = filename;
        d.content = content;
        d.createdAt = Instant.now();
        if (documents.insertIfAbsent(d)) {
            return d;
        }
        return documents.byDepartmentAndHash(department, sha).orElseThrow();
    }
}
