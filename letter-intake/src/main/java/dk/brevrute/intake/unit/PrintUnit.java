package dk.brevrute.intake.unit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A citizen-service unit: a sender under a department with its own print queue and printer credentials. */
@Entity
@Table(name = "print_unit")
public class PrintUnit {

    @Id
    String id;

    @Column(nullable = false)
    String department;

    @Column(nullable = false)
    String name;

    @Column(name = "cost_centre")
    String costCentre;

    @Column(name = "password_hash", nullable = false)
    String passwordHash;

    @Column(nullable = false)
    boolean active;

    @Column(name = "created_by", nullable = false)
    String createdBy;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "password_changed_at", nullable = false)
    Instant passwordChangedAt;

    @Column(name = "deactivated_at")
    Instant deactivatedAt;

    public String id() {
        return id;
    }

    public String department() {
        return department;
    }

    public String name() {
        return name;
    }

    public String costCentre() {
        return costCentre;
    }

    public boolean active() {
        return active;
    }
}
