package dk.brevrute.print.batch;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class EnvelopeRepository implements PanacheRepositoryBase<PrintEnvelope, UUID> {

    List<PrintEnvelope> ofBatch(UUID batchId) {
        return list("batchId = ?1 order by seq", batchId);
    }
}
