package dk.brevrute.eboks.delivery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import dk.brevrute.eboks.sf1601.Sf1601Client;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * The gateway's own meters (SmallRye Fault Tolerance adds its {@code ft.*} meters for retries,
 * timeouts, bulkheads and circuit breakers). Tags are outcomes and states only: never a letter id
 * or a recipient.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
class DeliveryMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Held here: a gauge keeps only a weak reference to what it reads. */
    private final CircuitBreakerMaintenance breakers;

    private final Event<Finished> finished;

    DeliveryMetrics(MeterRegistry registry, CircuitBreakerMaintenance breakers, Event<Finished> finished) {
        this.registry = registry;
        this.breakers = breakers;
        this.finished = finished;
        Gauge.builder("gateway.deliveries.in.flight", inFlight, AtomicInteger::get)
                .description("letters being sent by this replica").register(registry);
        // 0 closed, 1 half-open, 2 open: one series per breaker, for alerting on an open circuit.
        for (String breaker : new String[] {Sf1601Client.SEND_BREAKER, Sf1601Client.LOOKUP_BREAKER}) {
            Gauge.builder("gateway.sf1601.circuit.state", breakers, b -> stateValue(b, breaker))
                    .tag("breaker", breaker).description("0 closed, 1 half-open, 2 open").register(registry);
        }
        // Every series from the start (at 0), so dashboards and alert rates see them before the first failure.
        for (String outcome : new String[] {"delivered", "permanent", "deadline", "cancelled", "failed-after-acceptance"}) {
            outcomeCounter(outcome);
        }
        for (String cause : new String[] {"transient", "throttled", "circuit-open", "timeout", "bulkhead", "unexpected"}) {
            retryCounter(cause);
        }
    }

    private static double stateValue(CircuitBreakerMaintenance breakers, String name) {
        try {
            CircuitBreakerState s = breakers.currentState(name);
            return switch (s) {
                case CLOSED -> 0;
                case HALF_OPEN -> 1;
                case OPEN -> 2;
            };
        } catch (RuntimeException e) {
            return 0; // not used yet
        }
    }

    /** A letter finished with {@code outcome}; counted once its transaction commits. */
    record Finished(String outcome) {
    }

    /**
     * delivered, permanent, deadline, cancelled, failed-after-acceptance: counted when the transaction
     * recording it commits (at once outside a transaction), so an attempt rolled back, or a unit run
     * again after its shared transaction failed ({@link OutcomeCommits}), counts once.
     */
    void outcome(String outcome) {
        finished.fire(new Finished(outcome));
    }

    void count(@Observes(during = TransactionPhase.AFTER_SUCCESS) Finished f) {
        outcomeCounter(f.outcome()).increment();
    }

    void rescheduled(String cause) {
        retryCounter(cause).increment();
    }

    private Counter outcomeCounter(String outcome) {
        return Counter.builder("gateway.deliveries").description("letters finished, by outcome").tag("outcome", outcome)
                .register(registry);
    }

    private Counter retryCounter(String cause) {
        return Counter.builder("gateway.delivery.retries").description("attempts that failed transiently and will be tried again")
                .tag("cause", cause).register(registry);
    }

    void attempt(String result, Duration took) {
        Timer.builder("gateway.delivery.attempt").description("one delivery attempt: look-up, document, MeMo, send")
                .tag("result", result).publishPercentileHistogram().register(registry).record(took);
    }

    void latency(Duration acceptedToDelivered) {
        Timer.builder("gateway.delivery.latency").description("from acceptance to the mailbox (includes waiting for notBefore and for retries)")
                .publishPercentileHistogram().register(registry).record(acceptedToDelivered);
    }

    /** End to end: from letter-intake's submission (LetterSubmitted) to the mailbox. */
    void submitToDelivered(Duration took) {
        Timer.builder("brevrute.letters.submit.to.delivered")
                .description("From the letter's submission to its delivery, by channel (the print centre reports PRINT)")
                .tag("channel", "DIGITAL").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(100)).maximumExpectedValue(Duration.ofDays(7))
                .register(registry).record(took.isNegative() ? Duration.ZERO : took);
    }

    /** A citizen's registration before sending: {@code asked} SF1601, or trusted routing's {@code recent} answer. */
    void registrationCheck(String how) {
        Counter.builder("gateway.registration.checks").description("citizens' registrations before sending: asked SF1601, or routing's recent answer")
                .tag("how", how).register(registry).increment();
    }

    void receipt(String status, String result) {
        Counter.builder("gateway.receipts").description("status messages received").tag("status", status).tag("result", result)
                .register(registry).increment();
    }

    /** Outcomes and receipts that shared one committed transaction. */
    void outcomesPerTransaction(int n) {
        DistributionSummary.builder("gateway.outcomes.per.transaction")
                .description("deliveries and receipts recorded together in one committed transaction").register(registry).record(n);
    }

    void documentsPerFetch(int n) {
        DistributionSummary.builder("gateway.documents.per.fetch")
                .description("letters whose documents were fetched from letter-intake in one call").register(registry).record(n);
    }

    void started() {
        inFlight.incrementAndGet();
    }

    void finished() {
        inFlight.decrementAndGet();
    }
}
