package dk.brevrute.kit.observability;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The kit's meters for consuming and publishing events. Labels are consumer names, topics and
 * outcomes only: never a letter id, an event id or anything about a person.
 */
@ApplicationScoped
public class MessagingMetrics {

    private static final String RECORDS_PER_TRANSACTION = "brevrute.consumer.records.per.transaction";

    /** What happened to a consumed record. */
    public enum Outcome {
        /** the handler ran and its transaction committed */
        PROCESSED,
        /** the inbox had seen the event id: no second effect */
        DUPLICATE,
        /** poison: sent to the consumer's dead-letter topic */
        DEAD_LETTERED,
        /** a transient failure (database down, a lost race): tried again on the spot */
        RETRIED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry registry;

    MessagingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void consumed(String consumer, Outcome outcome) {
        Counter.builder("brevrute.events.consumed")
                .description("Records handed to a consumer, by consumer and outcome")
                .tag("consumer", consumer).tag("outcome", outcome.label())
                .register(registry).increment();
    }

    public void processing(String consumer, Duration took) {
        Timer.builder("brevrute.event.processing")
                .description("From parsing a record to its transaction's commit (retries included)")
                .tag("consumer", consumer)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry).record(took);
    }

    /**
     * The records a consumer processed in one committed transaction: a batch channel's whole poll
     * (one inbox statement, one flush, one commit for all of them), or 1 for a record processed alone
     * (a channel without batches, or a poll that failed together and went again record by record).
     */
    public void transactionCommitted(String consumer, int records) {
        DistributionSummary.builder(RECORDS_PER_TRANSACTION)
                .description("Records processed together in one committed transaction, by consumer")
                .tag("consumer", consumer)
                .register(registry).record(records);
    }

    /**
     * {@code consumer}'s records-per-transaction summary ({@link #transactionCommitted}), or null before its
     * first commit: what a test reads to tell that a poll was one transaction.
     */
    public static DistributionSummary recordsPerTransaction(MeterRegistry registry, String consumer) {
        return registry.find(RECORDS_PER_TRANSACTION).tag("consumer", consumer).summary();
    }

    public void published(String topic, int records) {
        Counter.builder("brevrute.outbox.published")
                .description("Events the outbox relay published and the broker acknowledged, by topic")
                .tag("topic", topic)
                .register(registry).increment(records);
    }
}
