package dk.brevrute.kit.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.brevrute.events.BrevruteEvent;
import dk.brevrute.kit.observability.TraceContext;
import org.hibernate.query.NativeQuery;

/**
 * Writes an event to the outbox table in the caller's transaction: the event is published if and
 * only if the change it describes commits. {@link OutboxRelay} publishes it.
 */
@ApplicationScoped
public class Outbox {

    /** Fired after a commit that appended events, so the relay publishes without waiting for its poll. */
    public record Appended() {
    }

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final Event<Appended> appended;

    Outbox(EntityManager em, ObjectMapper mapper, Event<Appended> appended) {
        this.em = em;
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
        // The statement touches outbox_event only: declaring it spares Hibernate flushing the whole
        // session before it (and clearing caches after it); pending entity changes are flushed as usual,
        // at the next query that needs them or at commit.
        em.createNativeQuery("INSERT INTO outbox_event (event_id, topic, record_key, event_type, payload, traceparent, tracestate) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .unwrap(NativeQuery.class)
                .addSynchronizedQuerySpace("outbox_event")
                // No auto-flush check either: it goes through every entity of the session, so a transaction
                // appending a row per letter of a 5,000-letter batch did quadratic work (bench/RESULTS.md §10;
                // OutboxAppendCostTest in print-center-service counts it).
                .setFlushMode(jakarta.persistence.FlushModeType.COMMIT)
                .setParameter(1, event.eventId())
                .setParameter(2, topic)
                .setParameter(3, key)
                .setParameter(4, event.getClass().getSimpleName())
                .setParameter(5, payload)
                .setParameter(6, trace == null ? null : trace.traceparent())
                .setParameter(7, trace == null ? null : trace.tracestate())
                .executeUpdate();
        appended.fire(new Appended());
    }
}
