package dk.brevrute.kit.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.brevrute.events.BrevruteEvent;

/**
 * Parses a record's JSON value into its event record. Jackson's own messages quote the input, which
 * may hold a CPR number, so failures are reported by location and field path only.
 */
@ApplicationScoped
public class EventReader {

    private final ObjectMapper mapper;

    EventReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public <T extends BrevruteEvent> T read(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new PoisonRecordException("empty record value, expected " + type.getSimpleName());
        }
        T event;
        try {
            event = mapper.readValue(json, type);
        } catch (JsonMappingException e) {
            throw new PoisonRecordException("not a valid " + type.getSimpleName() + " at " + path(e) + where(e.getLocation()));
        } catch (JsonProcessingException e) {
            throw new PoisonRecordException("not JSON" + where(e.getLocation()));
        }
        if (event.eventId() == null) {
            throw new PoisonRecordException(type.getSimpleName() + " without eventId");
        }
        if (event.occurredAt() == null) {
            throw new PoisonRecordException(type.getSimpleName() + " without occurredAt");
        }
        return event;
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder("$");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
