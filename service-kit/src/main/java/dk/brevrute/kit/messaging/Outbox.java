package dk.brevrute.kit.messaging;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.brevrute.events.BrevruteEvent;
import dk.brevrute.kit.observability.TraceContext;

/**
 * Writes an event to the outbox table in the caller's transaction: the event is published if and
 * only if the change it describes commits. {@link OutboxRelay} publishes it.
 *
 * <p>A transaction's events are written together, in one statement, just before it commits (a
 * synchronization of the transaction): a poll of 200 letters appends 200 or more events, and a print
 * batch's hand-over 5,000, which used to be as many INSERTs. They are written in the order appended,
 * on the transaction's own connection, so they commit or roll back with it; a failure to write them
 * rolls the transaction back. Nothing in a transaction reads its own outbox rows.
 */
@ApplicationScoped
public class Outbox {

    /** Fired after a commit that appended events, so the relay publishes without waiting for its poll. */
    public record Appended() {
    }

    private static final String PENDING = Outbox.class.getName() + ".pending";
    static final String INSERT = "INSERT INTO outbox_event (event_id, topic, record_key, event_type, payload, traceparent, tracestate) "
            + "SELECT e, t, k, y, p, tp, ts FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) "
            + "WITH ORDINALITY AS r(e, t, k, y, p, tp, ts, n) ORDER BY n";

    private final TransactionSynchronizationRegistry transactions;
    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final Event<Appended> appended;

    Outbox(TransactionSynchronizationRegistry transactions, DataSource dataSource, ObjectMapper mapper, Event<Appended> appended) {
        this.transactions = transactions;
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.appended = appended;
    }

    /**
     * Appends {@code event} for {@code topic} with record key {@code key} (never a CPR number). The
     * current trace context (the request's or the consumed record's) goes with it, so the record the
     * relay publishes continues the same trace.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String topic, String key, BrevruteEvent event) {
        append(topic, key, event, TraceContext.current());
    }

    /**
     * As {@link #append(String, String, BrevruteEvent)}, with the trace context given: for work done
     * outside the letter's request or record (a batch, a timer), {@code trace} is the one stored
     * with the letter; null publishes the record without one.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String topic, String key, BrevruteEvent event, TraceContext trace) {
        String payload;
        try {
            payload = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event.getClass().getSimpleName(), e);
        }
        pending().add(new Row(event.eventId(), topic, key, event.getClass().getSimpleName(), payload,
                trace == null ? null : trace.traceparent(), trace == null ? null : trace.tracestate()));
    }

    /** This transaction's events not yet written; the first append registers the write before commit. */
    private Pending pending() {
        Pending pending = (Pending) transactions.getResource(PENDING);
        if (pending == null) {
            pending = new Pending();
            transactions.putResource(PENDING, pending);
            transactions.registerInterposedSynchronization(pending);
            appended.fire(new Appended());
        }
        return pending;
    }

    private record Row(UUID eventId, String topic, String key, String type, String payload, String traceparent, String tracestate) {
    }

    private final class Pending implements Synchronization {

        private final List<Row> rows = new ArrayList<>();

        void add(Row row) {
            rows.add(row);
        }

        @Override
        public void beforeCompletion() {
            if (rows.isEmpty() || transactions.getRollbackOnly()) {
                return;
            }
            try {
                write(rows);
            } catch (SQLException e) {
                transactions.setRollbackOnly();
                // The cause keeps the SQL state, by which callers tell a lost connection (retry) from the rest.
                throw new IllegalStateException("outbox: " + rows.size() + " event(s) not written (SQL state " + e.getSQLState() + ")", e);
            }
        }

        @Override
        public void afterCompletion(int status) {
        }
    }

    /** One statement for all of a transaction's rows, on the connection the transaction holds. */
    private void write(List<Row> rows) throws SQLException {
        int n = rows.size();
        Object[][] columns = new Object[7][n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            columns[0][i] = r.eventId();
            columns[1][i] = r.topic();
            columns[2][i] = r.key();
            columns[3][i] = r.type();
            columns[4][i] = r.payload();
            columns[5][i] = r.traceparent();
            columns[6][i] = r.tracestate();
        }
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(INSERT)) {
            List<Array> arrays = new ArrayList<>(7);
            try {
                for (int c = 0; c < 7; c++) {
                    Array array = connection.createArrayOf(c == 0 ? "uuid" : "text", columns[c]);
                    arrays.add(array);
                    insert.setArray(c + 1, array);
                }
                insert.executeUpdate();
            } finally {
                for (Array array : arrays) {
                    array.free();
                }
            }
        }
    }
}
