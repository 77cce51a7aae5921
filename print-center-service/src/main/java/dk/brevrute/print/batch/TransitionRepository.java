package dk.brevrute.print.batch;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class TransitionRepository implements PanacheRepositoryBase<BatchTransition, Long> {

    List<BatchTransition> ofBatch(UUID batchId) {
        return list("batchId = ?1 order by id", batchId);
    }

    void record(UUID batchId, PrintBatch.State from, PrintBatch.State to, Instant at, String operator, String reason) {
        BatchTransition t = new BatchTransition();
        t.batchId = batchId;
        t.fromState = from;
        t.toState = to;
        t.at = at;
        t.operator = operator;
        t.reason = reason;
        persist(t);
    }
}
