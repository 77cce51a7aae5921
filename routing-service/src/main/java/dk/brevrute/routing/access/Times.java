package dk.brevrute.routing.access;

import java.time.Instant;
import java.time.OffsetDateTime;

/** Timestamps as native queries return them (driver and Hibernate versions differ). */
final class Times {

    private Times() {
    }

    static Instant instant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (o instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        return null;
    }
}
