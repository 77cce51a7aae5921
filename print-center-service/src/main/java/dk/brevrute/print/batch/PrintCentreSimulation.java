package dk.brevrute.print.batch;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.kit.api.ProblemException;
import dk.brevrute.print.config.PrintConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;

/**
 * Plays the print centre's staff for the local run, demos, end-to-end tests and benchmarks: every
 * closed batch whose print file is ready is printed, enveloped, franked and handed over, each step
 * {@code print.simulation.step-delay} after the previous one. Off unless
 * {@code print.simulation.enabled}; never on in production.
 */
@ApplicationScoped
class PrintCentreSimulation {

    private static final Logger LOG = Logger.getLogger(PrintCentreSimulation.class);

    private final BatchRepository batches;
    private final BatchLifecycle lifecycle;
    private final PrintConfig.Simulation config;

    PrintCentreSimulation(BatchRepository batches, BatchLifecycle lifecycle, PrintConfig config) {
        this.batches = batches;
        this.lifecycle = lifecycle;
        this.config = config.simulation();
        if (this.config.enabled()) {
            LOG.warnf("print-centre simulation is ON: closed batches advance by themselves every %s", this.config.stepDelay());
        }
    }

    @Scheduled(identity = "print-simulation", every = "${print.simulation.every}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (config.enabled()) {
            advanceDue(Instant.now());
        }
    }

    /** Advances each batch that has been in its state for the step delay by one step; returns how many. */
    int advanceDue(Instant now) {
        Instant due = now.minus(config.stepDelay());
        int n = 0;
        for (int guard = 0; guard < 1000; guard++) {
            try {
                boolean moved = QuarkusTransaction.requiringNew().call(() -> {
                    Optional<PrintBatch> b = batches.lockOne("state IN ('CLOSED', 'PRINTED', 'ENVELOPED', 'FRANKED') AND state_since <= ?1"
                            + " AND (state <> 'CLOSED' OR rendered_at IS NOT NULL)", due);
                    b.ifPresent(batch -> lifecycle.move(batch, batch.state.next(), config.operator(), "simulated"));
                    return b.isPresent();
                });
                if (!moved) {
                    break;
                }
                n++;
            } catch (ProblemException e) {
                LOG.warnf("simulation could not advance a batch: %s", e.getMessage());
                break;
            }
        }
        return n;
    }
}
