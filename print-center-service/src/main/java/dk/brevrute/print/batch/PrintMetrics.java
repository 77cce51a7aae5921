package dk.brevrute.print.batch;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Gauges of the print queue: letters waiting (not yet in a closed batch) and batches by state. Read
 * from the database on a timer (the figures are the same on every replica); no letter or person in
 * any label.
 */
@ApplicationScoped
class PrintMetrics {

    private final EntityManager em;
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<PrintBatch.State, AtomicLong> batches = new EnumMap<>(PrintBatch.State.class);
    private final Map<PrintBatch.State, AtomicLong> oldestInState = new EnumMap<>(PrintBatch.State.class);

    PrintMetrics(EntityManager em, MeterRegistry registry) {
        this.em = em;
        Gauge.builder("print_letters_waiting", waiting, AtomicLong::get)
                .description("Letters routed to print and not yet in a closed batch").register(registry);
        Gauge.builder("print_letters_failed", failed, AtomicLong::get)
                .description("Letters that could not be printed (no address, no document)").register(registry);
        for (PrintBatch.State s : PrintBatch.State.values()) {
            AtomicLong v = new AtomicLong();
            batches.put(s, v);
            Gauge.builder("print_batches", v, AtomicLong::get).tag("state", s.name()).description("Print batches by state")
                    .register(registry);
            if (s != PrintBatch.State.HANDED_OVER && s != PrintBatch.State.FAILED) {
                AtomicLong age = new AtomicLong();
                oldestInState.put(s, age);
                Gauge.builder("print_batch_oldest_in_state_seconds", age, AtomicLong::get).tag("state", s.name())
                        .description("How long the batch longest in this state has been in it (0 when none): a stuck batch")
                        .register(registry);
            }
        }
    }

    @Scheduled(identity = "print-metrics", every = "${brevrute.metrics.refresh-interval:15s}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        QuarkusTransaction.requiringNew().run(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> letters = em.createNativeQuery("SELECT status, count(*) FROM print_letter GROUP BY status").getResultList();
            long w = 0;
            long f = 0;
            for (Object[] row : letters) {
                String status = (String) row[0];
                long n = ((Number) row[1]).longValue();
                if (status.equals("WAITING") || status.equals("BATCHED")) {
                    w += n;
                } else if (status.equals("FAILED")) {
                    f += n;
                }
            }
            waiting.set(w);
            failed.set(f);
            batches.values().forEach(v -> v.set(0));
            @SuppressWarnings("unchecked")
            List<Object[]> states = em.createNativeQuery("SELECT state, count(*) FROM print_batch GROUP BY state").getResultList();
            for (Object[] row : states) {
                batches.get(PrintBatch.State.valueOf((String) row[0])).set(((Number) row[1]).longValue());
            }
            oldestInState.values().forEach(v -> v.set(0));
            @SuppressWarnings("unchecked")
            List<Object[]> ages = em.createNativeQuery("SELECT state, EXTRACT(EPOCH FROM (now() - min(state_since))) FROM print_batch "
                    + "WHERE state NOT IN ('HANDED_OVER', 'FAILED') GROUP BY state").getResultList();
            for (Object[] row : ages) {
                AtomicLong age = oldestInState.get(PrintBatch.State.valueOf((String) row[0]));
                if (age != null) {
                    age.set(Math.max(0, ((Number) row[1]).longValue()));
                }
            }
        });
    }
}
