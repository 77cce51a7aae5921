package dk.brevrute.kit.messaging;

import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.events.BrevruteEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;

/**
 * The one way Brevrute's consumers process a record: parse it (a poison record fails at once and
 * goes to the dead-letter topic), then, in one new transaction, record the event id in the inbox and
 * run the handler, so a redelivered event has no second effect. Transient failures (the database is
 * down, a serialisation conflict) are retried with back-off instead of dead-lettering a good record;
 * any other failure is reported without its message, which may quote personal data.
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

    private final EventReader reader;
    private final Inbox inbox;

    EventProcessor(EventReader reader, Inbox inbox) {
        this.reader = reader;
        this.inbox = inbox;
    }

    /** Parses {@code json} and hands the event to {@code handler} exactly once per consumer. */
    public <T extends BrevruteEvent> void process(String consumer, String json, Class<T> type, Consumer<T> handler) {
        T event = reader.read(json, type);
        processEvent(consumer, event, handler);
    }

    /** Hands an already parsed event to {@code handler} exactly once per consumer. */
    public <T extends BrevruteEvent> void processEvent(String consumer, T event, Consumer<T> handler) {
        UUID eventId = event.eventId();
        Duration backoff = Duration.ofMillis(100);
        int conflicts = 0;
        while (true) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    if (inbox.firstDelivery(consumer, eventId)) {
                        handler.accept(event);
                    }
                });
                return;
            } catch (PoisonRecordException e) {
                throw e;
            } catch (RuntimeException e) {
                if (isUniqueViolation(e) && conflicts++ < CONFLICT_RETRIES) {
                    LOG.debugf("%s: event %s lost a race for a row; retrying", consumer, eventId);
                    sleep(Duration.ofMillis(50L * conflicts));
                    continue;
                }
                if (!isTransient(e)) {
                    throw new PoisonRecordException(type(event) + " " + eventId + " failed in " + consumer + ": " + describe(e));
                }
                LOG.warnf("%s: transient failure on event %s (%s), retrying in %d ms", consumer, eventId, describe(e), backoff.toMillis());
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
