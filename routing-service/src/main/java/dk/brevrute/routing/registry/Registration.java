package dk.brevrute.routing.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dk.brevrute.events.RegistrationStatus;

/** The latest known Digital Post state of one citizen, by keyed hash. */
@Entity
@Table(name = "registration")
public class Registration {

    @Id
    @Column(name = "citizen_key")
    String citizenKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    RegistrationStatus status;

    @Column(name = "exempt_until")
    LocalDate exemptUntil;

    @Column(name = "changed_at", nullable = false)
    Instant changedAt;

    @Column(name = "event_id", nullable = false)
    UUID eventId;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    public RegistrationStatus status() {
        return status;
    }

    public LocalDate exemptUntil() {
        return exemptUntil;
    }
}
