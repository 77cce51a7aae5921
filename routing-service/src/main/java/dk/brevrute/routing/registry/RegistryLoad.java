package dk.brevrute.routing.registry;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One bulk load of a registry snapshot: progress and rejected rows by line number. */
@Entity
@Table(name = "registry_load")
class RegistryLoad {

    @Id
    UUID id;

    @Column(name = "started_by", nullable = false)
    String startedBy;

    @Column(name = "started_at", nullable = false)
    Instant startedAt;

    @Column(name = "finished_at")
    Instant finishedAt;

    @Column(nullable = false)
    String format;

    @Column(name = "rows_read", nullable = false)
    long rowsRead;

    @Column(name = "rows_loaded", nullable = false)
    long rowsLoaded;

    @Column(name = "rows_rejected", nullable = false)
    long rowsRejected;

    /** JSON list of the first rejected rows: line number and reason. */
    String rejections;
}
