package dk.brevrute.routing.registry;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An SF1601 answer for a citizen the registry has never seen, trusted until {@code expiresAt}. */
@Entity
@Table(name = "lookup_cache")
class LookupCache {

    @Id
    @Column(name = "citizen_key")
    String citizenKey;

    @Column(nullable = false)
    boolean registered;

    @Column(name = "looked_up_at", nullable = false)
    Instant lookedUpAt;

    @Column(name = "expires_at", nullable = false)
    Instant expiresAt;
}
