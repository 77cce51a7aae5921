package dk.brevrute.intake.document;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A document, stored once per department and addressed by its SHA-256. */
@Entity
@Table(name = "document")
public class StoredDocument {

    @Id
    UUID id;

    @Column(nullable = false)
    String department;

    @Column(nullable = false)
    String sha256;

    @Column(name = "size_bytes", nullable = false)
    long sizeBytes;

    @Column(nullable = false)
    int pages;

    @Column(name = "media_type", nullable = false)
    String mediaType;

    String filename;

    @Basic(fetch = FetchType.LAZY)
    byte[] content;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "deleted_at")
    Instant deletedAt;

    public UUID id() {
        return id;
    }

    public String sha256() {
        return sha256;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public int pages() {
        return pages;
    }

    public String department() {
        return department;
    }

    public String filename() {
        return filename;
    }

    public String mediaType() {
        return mediaType;
    }
}
