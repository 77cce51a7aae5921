package dk.brevrute.kit.messaging;

import java.lang.reflect.Method;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dk.brevrute.events.BrevruteEvent;
import dk.brevrute.kit.observability.LetterTracing;
import dk.brevrute.kit.observability.MessagingMetrics;
import dk.brevrute.kit.observability.MessagingMetrics.Outcome;
import dk.brevrute.kit.observability.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.apache.kafka.common.header.Header;
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
 *
 * <p>Throughput: {@link #processBatch} takes a whole poll ({@code batch=true} channels) and does in
 * one transaction what {@link #process} does per record: one inbox statement for the poll's event ids,
 * the handlers of the new ones, one flush, one commit. If anything in that transaction fails, it is rolled back
 * and the poll is processed again record by record, exactly as {@link #process} would, so a poison
 * record is dead-lettered alone and the rest of its poll is not held up.
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
    private final EntityManager em;

    EventProcessor(EventReader reader, Inbox inbox, MessagingMetrics metrics, Tracer tracer, EntityManager em) {
        this.reader = reader;
        this.inbox = inbox;
        this.metrics = metrics;
        this.tracer = tracer;
        this.em = em;
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
        processEvent(consumer, event, handler, Context.current());
    }

    private <T extends BrevruteEvent> void processEvent(String consumer, T event, Consumer<T> handler, Context parent) {
        long start = System.nanoTime();
        try {
            inEventScope(consumer, event, parent, span -> {
                Outcome outcome = processInTransaction(consumer, event, handler);
                metrics.consumed(consumer, outcome);
                metrics.transactionCommitted(consumer, 1);
                span.setAttribute("brevrute.outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
            });
        } catch (PoisonRecordException e) {
            metrics.consumed(consumer, Outcome.DEAD_LETTERED);
            throw e;
        } finally {
            metrics.processing(consumer, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /**
     * Processes a poll of records ({@code mp.messaging.incoming.<channel>.batch=true}) with
     * {@code handler}: see the class comment. Returns when the poll may be acknowledged; poison
     * records are nacked one by one (the channel's dead-letter topic), the rest acknowledged.
     */
    public <T extends BrevruteEvent> CompletionStage<Void> processBatch(String consumer, KafkaRecordBatch<String, String> batch,
            Class<T> type, Consumer<T> handler) {
        return processBatch(consumer, batch, record -> reader.read(record.getPayload(), type), null, events -> handler);
    }

    /**
     * As {@link #processBatch(String, KafkaRecordBatch, Class, Consumer)}, but the handler comes from
     * {@code handlerFor}, which is called in the poll's transaction, before any handler, with the poll's
     * new events in the order the handlers get them. It can lock or load in one statement what each
     * handler would ask for on its own (letter-intake locks the poll's letters; the routed consumers
     * load which of the poll's letters they know already) and return a handler that uses it. A record
     * processed alone (after a failed poll) gets {@code handlerFor} of just its own event, in its own
     * transaction.
     */
    public <T extends BrevruteEvent> CompletionStage<Void> processPoll(String consumer, KafkaRecordBatch<String, String> batch,
            Class<T> type, Function<List<T>, Consumer<T>> handlerFor) {
        return processPoll(consumer, batch, record -> reader.read(record.getPayload(), type), handlerFor);
    }

    /**
     * As {@link #processPoll(String, KafkaRecordBatch, Class, Function)}, with the consumer's own
     * {@code parse} (outside any transaction: a {@link PoisonRecordException} dead-letters the record).
     */
    public <T extends BrevruteEvent> CompletionStage<Void> processPoll(String consumer, KafkaRecordBatch<String, String> batch,
            Function<KafkaRecord<String, String>, T> parse, Function<List<T>, Consumer<T>> handlerFor) {
        return processBatch(consumer, batch, parse, null, handlerFor);
    }

    /**
     * As {@link #processBatch(String, KafkaRecordBatch, Class, Consumer)}, with the consumer's own
     * {@code parse} (outside any transaction: a {@link PoisonRecordException} dead-letters the record)
     * and {@code prepare}, which gets the poll's parsed events before the transaction (for work that
     * must not hold a connection, such as look-ups over HTTP) and returns the handler. {@code prepare}
     * must not throw: it has no record to blame, so a failure there would nack the whole poll; let its
     * handler redo, in the transaction, what {@code prepare} could not do.
     */
    public <T extends BrevruteEvent> CompletionStage<Void> processBatch(String consumer, KafkaRecordBatch<String, String> batch,
            Function<KafkaRecord<String, String>, T> parse, Function<List<T>, Consumer<T>> prepare) {
        return processBatch(consumer, batch, parse, prepare, null);
    }

    /**
     * Exactly one of {@code prepare} (outside the transaction, once for the whole poll) and
     * {@code handlerFor} (inside each transaction, for the events it handles) gives the handler.
     */
    private <T extends BrevruteEvent> CompletionStage<Void> processBatch(String consumer, KafkaRecordBatch<String, String> batch,
            Function<KafkaRecord<String, String>, T> parse, Function<List<T>, Consumer<T>> prepare,
            Function<List<T>, Consumer<T>> handlerFor) {
        List<CompletableFuture<Void>> nacks = new ArrayList<>();
        List<Parsed<T>> parsed = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                parsed.add(new Parsed<>(record, parse.apply(record)));
            } catch (PoisonRecordException e) {
                metrics.consumed(consumer, Outcome.DEAD_LETTERED);
                nacks.add(record.nack(e).toCompletableFuture());
            }
        }
        if (!parsed.isEmpty()) {
            Function<List<T>, Consumer<T>> handlers;
            if (prepare != null) {
                Consumer<T> prepared = prepare.apply(parsed.stream().map(Parsed::event).toList());
                handlers = events -> prepared;
            } else {
                handlers = handlerFor;
            }
            long start = System.nanoTime();
            List<Outcome> outcomes = null;
            try {
                outcomes = QuarkusTransaction.requiringNew().call(() -> processAll(consumer, parsed, handlers));
            } catch (RuntimeException e) {
                // One record (or the database) failed the poll: each record alone, with process()'s retries.
                LOG.debugf("%s: a poll of %d records failed together (%s); processing them one by one", consumer, parsed.size(), describe(e));
            }
            if (outcomes != null) {
                metrics.transactionCommitted(consumer, parsed.size());
                Duration each = Duration.ofNanos((System.nanoTime() - start) / parsed.size());
                for (Outcome outcome : outcomes) {
                    metrics.consumed(consumer, outcome);
                    metrics.processing(consumer, each);
                }
            } else {
                for (Parsed<T> p : parsed) {
                    try {
                        processEvent(consumer, p.event(), event -> handlers.apply(List.of(event)).accept(event), p.traceParent());
                    } catch (PoisonRecordException e) {
                        nacks.add(p.record().nack(e).toCompletableFuture());
                    }
                }
            }
        }
        return CompletableFuture.allOf(nacks.toArray(CompletableFuture[]::new)).thenCompose(done -> batch.ack());
    }

    /** The poll's records in one transaction: one inbox statement, then each new event's handler. */
    private <T extends BrevruteEvent> List<Outcome> processAll(String consumer, List<Parsed<T>> parsed,
            Function<List<T>, Consumer<T>> handlerFor) {
        Set<UUID> ids = new LinkedHashSet<>();
        parsed.forEach(p -> ids.add(p.event().eventId()));
        Set<UUID> fresh = inbox.firstDeliveries(consumer, ids);
        List<Outcome> outcomes = new ArrayList<>(parsed.size());
        // In record-key order (a stable sort: one key's events keep their order). The rows a handler
        // locks are mostly its letter's, and the key is the letter id: every poll's transaction then
        // locks them in the same order, so two consumers' polls (routed and delivered, say) do not
        // deadlock on two letters they share.
        List<Parsed<T>> ordered = new ArrayList<>(parsed);
        ordered.sort(Comparator.comparing(p -> p.record().getKey() == null ? "" : p.record().getKey()));
        List<Parsed<T>> handled = new ArrayList<>(ordered.size());
        for (Parsed<T> p : ordered) {
            // remove(): the same event twice in one poll is a redelivery the second time.
            if (fresh.remove(p.event().eventId())) {
                handled.add(p);
            } else {
                outcomes.add(Outcome.DUPLICATE);
            }
        }
        Consumer<T> handler = handlerFor.apply(handled.stream().map(Parsed::event).toList());
        for (Parsed<T> p : handled) {
            inEventScope(consumer, p.event(), p.traceParent(), span -> handler.accept(p.event()));
            outcomes.add(Outcome.PROCESSED);
        }
        // One flush for the poll: Hibernate sends its inserts and updates in JDBC batches. A handler
        // still sees what the records before it wrote: a query flushes what it reads first (Hibernate's
        // auto-flush: the tables a query reads, every change before a native query), and an entity
        // found again is the one in the persistence context. Flushed here, not at commit, so a
        // failing statement fails the poll inside this call and the records go again one by one.
        em.flush();
        return outcomes;
    }

    /**
     * Runs {@code work} in the event's span ({@code <consumer> process}, child of {@code parent}) with
     * its letter and event ids in the log MDC.
     */
    private void inEventScope(String consumer, BrevruteEvent event, Context parent, Consumer<Span> work) {
        UUID letterId = letterId(event);
        Span span = tracer.spanBuilder(consumer + " process").setParent(parent).setSpanKind(SpanKind.INTERNAL).startSpan();
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
            work.accept(span);
        } catch (PoisonRecordException e) {
            span.setStatus(StatusCode.ERROR, "dead-lettered");
            throw e;
        } catch (RuntimeException | Error e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
            restore(LetterTracing.MDC_LETTER_ID, previousLetter);
            restore(LetterTracing.MDC_EVENT_ID, previousEvent);
        }
    }

    /** A record of a poll and its event; the record's {@code traceparent} header is its trace. */
    private record Parsed<T>(KafkaRecord<String, String> record, T event) {

        Context traceParent() {
            TraceContext trace = TraceContext.of(header(TraceContext.TRACEPARENT), header(TraceContext.TRACESTATE));
            return trace == null ? Context.root() : trace.toContext();
        }

        private String header(String name) {
            Header header = record.getHeaders().lastHeader(name);
            return header == null || header.value() == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
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
