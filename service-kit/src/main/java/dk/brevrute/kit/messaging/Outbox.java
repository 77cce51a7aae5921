package dk.brevrute.kit.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.brevrute.events.BrevruteEvent;

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

    /** Appends {@code event} for {@code topic} with record key {@code key} (never a CPR number). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String topic, String key, BrevruteEvent event) {
        String payload;
        try {
            payload = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event.getClass().getSimpleName(), e);
        }
        em.createNativeQuery("INSERT INTO outbox_event (event_id, topic, record_key, event_type, payload) VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, event.eventId())
                .setParameter(2, topic)
                .setParameter(3, key)
                .setParameter(4, event.getClass().getSimpleName())
                .setParameter(5, payload)
                .executeUpdate();
        appended.fire(new Appended());
    }
}
