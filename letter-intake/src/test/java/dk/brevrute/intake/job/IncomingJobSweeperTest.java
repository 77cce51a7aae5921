package dk.brevrute.intake.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import jakarta.inject.Inject;

import dk.brevrute.intake.printer.PrinterTestSupport;
import dk.brevrute.intake.unit.UnitRepository;
import dk.brevrute.testinfra.BrevruteTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** A job created without its document (IPP Create-Job) is aborted once it waited too long; a job with its letter is left alone. */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
class IncomingJobSweeperTest {

    @Inject
    IncomingJobSweeper sweeper;

    @Inject
    JobService jobs;

    @Inject
    PrintJobRepository repository;

    @Inject
    UnitRepository units;

    @Test
    void aJobWhoseDocumentNeverCameIsAborted() {
        String unitId = PrinterTestSupport.unit("BUF", "sweep").id();
        int waiting = QuarkusTransaction.requiringNew().call(() -> jobs.create(units.findById(unitId), PrintJob.Source.PRINTER, null,
                new JobService.Ticket("never sent", "mette", null, null)).id());
        sweeper.sweep(Instant.now().minusSeconds(3600));
        assertEquals(PrintJob.State.PENDING, state(waiting), "not yet too old");
        sweeper.sweep(Instant.now().plusSeconds(1));
        assertEquals(PrintJob.State.ABORTED, state(waiting));
        assertEquals("the document did not arrive in time",
                QuarkusTransaction.requiringNew().call(() -> repository.findById(waiting).stateMessage()));
    }

    PrintJob.State state(int id) {
        return QuarkusTransaction.requiringNew().call(() -> repository.findById(id).state());
    }
}
