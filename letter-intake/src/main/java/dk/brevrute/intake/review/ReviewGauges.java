package dk.brevrute.intake.review;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dk.brevrute.intake.config.IntakeConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * {@code brevrute_review_waiting{department,unit}} and {@code brevrute_review_overdue{department,unit}}:
 * letters waiting for review, and those waiting longer than {@code intake.review.overdue-after}. Read
 * from the database on a schedule (never in the scrape), so every replica reports the same numbers:
 * aggregate with max, not sum.
 */
@ApplicationScoped
class ReviewGauges {

    private final EntityManager em;
    private final MeterRegistry registry;
    private final IntakeConfig config;
    private final Map<String, AtomicLong> waiting = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> overdue = new ConcurrentHashMap<>();

    ReviewGauges(EntityManager em, MeterRegistry registry, IntakeConfig config) {
        this.em = em;
        this.registry = registry;
        this.config = config;
    }

    @Scheduled(every = "${intake.review.gauge-every:30s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        Instant cutoff = Instant.now().minus(config.review().overdueAfter());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                SELECT u.department, u.id,
                       count(j.id) FILTER (WHERE j.state = 'PENDING_HELD'),
                       count(j.id) FILTER (WHERE j.state = 'PENDING_HELD' AND j.held_since < ?1)
                FROM print_unit u LEFT JOIN print_job j ON j.unit = u.id AND j.state = 'PENDING_HELD'
                GROUP BY u.department, u.id""").setParameter(1, cutoff).getResultList());
        for (Object[] r : rows) {
            gauge(waiting, "brevrute.review.waiting", "Letters waiting for a person to read their recipient", (String) r[0], (String) r[1])
                    .set(((Number) r[2]).longValue());
            gauge(overdue, "brevrute.review.overdue", "Letters waiting for review longer than intake.review.overdue-after",
                    (String) r[0], (String) r[1]).set(((Number) r[3]).longValue());
        }
    }

    private AtomicLong gauge(Map<String, AtomicLong> gauges, String name, String description, String department, String unit) {
        return gauges.computeIfAbsent(department + "/" + unit, k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get).description(description).tag("department", department).tag("unit", unit)
                    .register(registry);
            return value;
        });
    }
}
