package dk.brevrute.intake.letter;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

@ApplicationScoped
public class TimelineRepository implements PanacheRepository<TimelineEntry> {

    public List<TimelineEntry> forLetter(UUID letterId) {
        return list("letterId = ?1 order by occurredAt, id", letterId);
    }

    public void record(UUID letterId, UUID eventId, java.time.Instant occurredAt, String kind, String channel, String reason, String detail) {
        TimelineEntry e = new TimelineEntry();
        e.letterId = letterId;
        e.eventId = eventId;
        e.occurredAt = occurredAt;
        e.kind = kind;
        e.channel = channel;
        e.reason = reason;
        e.detail = detail;
        persist(e);
    }
}
