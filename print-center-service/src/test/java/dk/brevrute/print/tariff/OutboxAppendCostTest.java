package dk.brevrute.print.tariff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.UserTransaction;

import dk.brevrute.events.LetterCancelled;
import dk.brevrute.events.Topics;
import dk.brevrute.kit.messaging.Outbox;
import dk.brevrute.print.testing.PeersResource;
import dk.brevrute.testinfra.BrevruteTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.hibernate.Session;
import org.hibernate.SessionEventListener;
import org.junit.jupiter.api.Test;

/**
 * Appending to the outbox in a transaction that holds many entities costs nothing per entity. The
 * hand-over of a print batch appends one event per letter while every letter of the batch is managed.
 * When each append let Hibernate go through the whole session first (an auto-flush check, twice per
 * statement), a 5,000-letter batch went through some 50 million entities and its transaction timed
 * out (bench/RESULTS.md §10). Counted with Hibernate's session events, so the test does not depend
 * on the machine's speed: an append that ran its INSERT as an ordinary native query counted
 * 2 × 40 × 40 = 3,200. The outbox now runs no statement at all when appending (the transaction's
 * events are written together at commit: {@code OutboxWriteTest}).
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
@WithTestResource(PeersResource.class)
class OutboxAppendCostTest {

    private static final int ENTITIES = 40;
    private static final int APPENDS = 40;

    @Inject
    EntityManager em;
    @Inject
    Outbox outbox;
    @Inject
    UserTransaction transaction;

    /** Counts the entities that one session's auto-flushes went through. */
    static final class Checks implements SessionEventListener {
        final AtomicInteger entitiesChecked = new AtomicInteger();

        @Override
        public void partialFlushEnd(int numberOfEntities, int numberOfCollections) {
            entitiesChecked.addAndGet(numberOfEntities);
        }
    }

    @Test
    void appendingAnEventDoesNotCheckTheSessionsEntities() throws Exception {
        transaction.begin();
        try {
            for (int i = 0; i < ENTITIES; i++) {
                TariffVersion v = new TariffVersion();
                v.tariffId = "outbox-cost-" + UUID.randomUUID();
                v.effectiveFrom = LocalDate.of(2026, 1, 1);
                v.publishedAt = Instant.now();
                v.payload = "{}";
                em.persist(v);
            }
            Checks checks = new Checks();
            em.unwrap(Session.class).addEventListeners(checks);

            for (int i = 0; i < APPENDS; i++) {
                outbox.append(Topics.LETTERS_CANCELLED, UUID.randomUUID().toString(),
                        new LetterCancelled(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), "BUF", "cost test"));
            }
            assertEquals(0, checks.entitiesChecked.get(), "entities checked for an auto-flush while appending");

            // The counter sees them where they do happen: a query over the entities flushes them first.
            em.createQuery("SELECT count(t) FROM TariffVersion t").getSingleResult();
            assertTrue(checks.entitiesChecked.get() >= ENTITIES, "a query's auto-flush checks every entity: " + checks.entitiesChecked.get());
        } finally {
            // Nothing of this is kept: no tariff versions, no events.
            transaction.rollback();
        }
    }
}
