package dk.brevrute.kit.messaging;

import java.lang.reflect.Method;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.events.BrevruteEvent;
import dk.brevrute.kit.observability.LetterTracing;
import dk.brevrute.kit.observability.MessagingMetrics;
import dk.brevrute.kit.observability.MessagingMetrics.Outcome;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The one way Brevrute's consumers process a record: parse it (a poison record fails at once and
 * goes to the dead-letter topic), then, in one new transaction, record the event id in the inbox and
 * run the handler, so a redelivered event has no second effect. Transient failures (the database is
 * down, a serialisation conflict) are retried with back-off instead of dead-lettering a good record;
 * any other failure is reported without its message, which may quote personal data.
 *
 * <p>Observability: the record's trace (SmallRye Kafka and Quarkus make the consumer span of the
 * record's {@code traceparent} current in the {@code @Incoming} method) is continued by a span
 * {@code <consumer> process}, so the handler's spans and the outbox rows it appends belong to the
 * letter's trace; the log MDC carries {@code letterId} and {@code eventId} meanwhile; every record
 * is counted by consumer and outcome, and timed.
 */
@ApplicationScoped
public class EventProcessor {

    private static final Logger LOG = Logger.getLogger(EventProcessor.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    /**
     * Two consumers of one service may race to create the same row (e.g. a letter's submission and
     * its cancellation, on different topics): the loser's unique violation is retried a few times, when
     * the handler sees the winner's row; a handler that always violates a constraint is still poison.
     */
    private static final int CONFLICT_RETRIES = 5;

    private static final Map<Class<?>, Optional<Method>> LETTER_ID = new ConcurrentHashMap<>();

    private final EventReader reader;
    private final Inbox inbox;
    private final MessagingMetrics metrics;
    private final Tracer tracer;

    EventProcessor(EventReader reader, Inbox inbox, MessagingMetrics metrics, Tracer tracer) {
        this.reader = reader;
        this.inbox = inbox;
        this.metrics = metrics;
        this.tracer = tracer;
    }

    /** Parses {@code json} and hands the event to {@code handler} exactly once per consumer. */
    public <T extends BrevruteEvent> void process(String consumer, String json, Class<T> type, Consumer<T> handler) {
        T event;
        try {
            event = reader.read(json, type);
        } catch (PoisonRecordException e) {
            metrics.consumed(consumer, Outcome.DEAD_LETTERED);
            throw e;
        }
        processEvent(consumer, event, handler);
    }

    /** Hands an already parsed event to {@code handler} exactly once per consumer. */
    public <T extends BrevruteEvent> void processEvent(String consumer, T event, Consumer<T> handler) {
        long start = System.nanoTime();
        UUID letterId = letterId(event);
        Span span = tracer.spanBuilder(consumer + " process").setSpanKind(SpanKind.INTERNAL).startSpan();
        span.setAttribute("brevrute.consumer", consumer);
        span.setAttribute("brevrute.event_id", String.valueOf(event.eventId()));
        span.setAttribute("brevrute.event_type", type(event));
        if (letterId != null) {
            span.setAttribute("brevrute.letter_id", letterId.toString());
        }
        Object previousLetter = MDC.get(LetterTracing.MDC_LETTER_ID);
        Object previousEvent = MDC.get(LetterTracing.MDC_EVENT_ID);
        if (letterId != null) {
            MDC.put(LetterTracing.MDC_LETTER_ID, letterId.toString());
        }
        MDC.put(LetterTracing.MDC_EVENT_ID, String.valueOf(event.eventId()));
        try (Scope ignored = span.makeCurrent()) {
            Outcome outcome = processInTransaction(consumer, event, handler);
            metrics.consumed(consumer, outcome);
            span.setAttribute("brevrute.outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
        } catch (PoisonRecordException e) {
            metrics.consumed(consumer, Outcome.DEAD_LETTERED);
            span.setStatus(StatusCode.ERROR, "dead-lettered");
            throw e;
        } catch (RuntimeException | Error e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
            metrics.processing(consumer, Duration.ofNanos(System.nanoTime() - start));
            restore(LetterTracing.MDC_LETTER_ID, previousLetter);
            restore(LetterTracing.MDC_EVENT_ID, previousEvent);
        }
    }

    private <T extends BrevruteEvent> Outcome processInTransaction(String consumer, T event, Consumer<T> handler) {
        UUID eventId = event.eventId();
        Duration backoff = Duration.ofMillis(100);
        int conflicts = 0;
        while (true) {
            try {
                boolean first = QuarkusTransaction.requiringNew().call(() -> {
                    if (inbox.firstDelivery(consumer, eventId)) {
                        handler.accept(event);
                        return true;
                    }
                    return false;
                });
                return first ? Outcome.PROCESSED : Outcome.DUPLICATE;
            } catch (PoisonRecordException e) {
                throw e;
            } catch (RuntimeException e) {
                if (isUniqueViolation(e) && conflicts++ < CONFLICT_RETRIES) {
                    LOG.debugf("%s: event %s lost a race for a row; retrying", consumer, eventId);
                    metrics.consumed(consumer, Outcome.RETRIED);
                    sleep(Duration.ofMillis(50L * conflicts));
                    continue;
                }
                if (!isTransient(e)) {
                    throw new PoisonRecordException(type(event) + " " + eventId + " failed in " + consumer + ": " + describe(e));
                }
                LOG.warnf("%s: transient failure on event %s (%s), retrying in %d ms", consumer, eventId, describe(e), backoff.toMillis());
                metrics.consumed(consumer, Outcome.RETRIED);
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** Connection loss, server shutdown, serialisation failures and deadlocks can succeed on a retry. */
    public static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (name.endsWith("JDBCConnectionException") || name.endsWith("LockAcquisitionException")
                    || name.endsWith("PessimisticLockException") || name.endsWith("LockTimeoutException")) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state == null) {
                    // Agroal's acquisition timeout carries no state.
                    return sql.getMessage() != null && sql.getMessage().contains("Acquisition timeout");
                }
                return state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57P");
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Exception types and SQL states only: database messages quote the values that failed. */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 400; t = t.getCause()) {
            if (!sb.isEmpty()) {
                sb.append(" <- ");
            }
            sb.append(t.getClass().getSimpleName());
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                sb.append('[').append(sql.getSQLState()).append(']');
            }
            if (t instanceof PoisonRecordException) {
                sb.append(": ").append(t.getMessage());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.toString();
    }

    /** The event's {@code letterId} where its record has one (most letter events), else null. */
    static UUID letterId(Object event) {
        Optional<Method> accessor = LETTER_ID.computeIfAbsent(event.getClass(), c -> {
            try {
                Method m = c.getMethod("letterId");
                return m.getReturnType() == UUID.class ? Optional.of(m) : Optional.empty();
            } catch (NoSuchMethodException e) {
                return Optional.empty();
            }
        });
        if (accessor.isEmpty()) {
            return null;
        }
        try {
            return (UUID) accessor.get().invoke(event);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static void restore(String key, Object previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }

    private static String type(Object event) {
        return event.getClass().getSimpleName();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry");
        }
    }
}
