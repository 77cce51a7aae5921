package dk.brevrute.print.tariff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.UserTransaction;

import dk.brevrute.events.LetterCancelled;
import dk.brevrute.events.Topics;
import dk.brevrute.kit.messaging.Outbox;
import dk.brevrute.kit.messaging.OutboxRelay;
import dk.brevrute.print.testing.PeersResource;
import dk.brevrute.testinfra.BrevruteTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A transaction's outbox rows are written together when it commits (service-kit's {@link Outbox}): in
 * the order appended, with the change they describe or not at all. The relay is paused meanwhile, so
 * the rows can be seen before they are published and deleted.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
@WithTestResource(PeersResource.class)
class OutboxWriteTest {

    @Inject
    EntityManager em;
    @Inject
    Outbox outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    UserTransaction transaction;

    @BeforeEach
    void pauseRelay() {
        relay.stop();
    }

    @AfterEach
    void resumeRelay() {
        relay.start();
    }

    @Test
    void aTransactionsEventsAreWrittenAtCommitInTheOrderAppendedWithTheChange() throws Exception {
        String prefix = "outbox-order-" + UUID.randomUUID() + "-";
        UUID cancelled = UUID.randomUUID();
        List<UUID> appended = new ArrayList<>();
        transaction.begin();
        cancel(cancelled);
        for (int i = 0; i < 30; i++) {
            LetterCancelled event = new LetterCancelled(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), "BUF", "order test");
            outbox.append(Topics.LETTERS_CANCELLED, prefix + i, event);
            appended.add(event.eventId());
        }
        long before = ((Number) em.createNativeQuery("SELECT count(*) FROM outbox_event WHERE record_key LIKE ?1")
                .setParameter(1, prefix + "%").getSingleResult()).longValue();
        assertEquals(0, before, "not written before the commit (together, in one statement, then)");
        transaction.commit();

        assertEquals(appended, rows(prefix), "every event, in the order appended");
        assertEquals(1, cancellations(cancelled), "committed with the change");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("DELETE FROM outbox_event WHERE record_key LIKE ?1")
                .setParameter(1, prefix + "%").executeUpdate());
    }

    @Test
    void aRolledBackTransactionLeavesNoEvents() throws Exception {
        String prefix = "outbox-rollback-" + UUID.randomUUID() + "-";
        transaction.begin();
        outbox.append(Topics.LETTERS_CANCELLED, prefix + 0,
                new LetterCancelled(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), "BUF", "rollback test"));
        transaction.rollback();
        assertEquals(0, rows(prefix).size());
    }

    @Test
    void eventsThatCannotBeWrittenRollTheChangeBackAndSayWhy() throws Exception {
        String prefix = "outbox-failure-" + UUID.randomUUID() + "-";
        UUID cancelled = UUID.randomUUID();
        transaction.begin();
        cancel(cancelled);
        outbox.append(Topics.LETTERS_CANCELLED, prefix + 0,
                new LetterCancelled(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), "BUF", "failure test"));
        // The outbox table is out of reach for the rest of this transaction only.
        em.createNativeQuery("SET LOCAL search_path TO pg_catalog").executeUpdate();
        Exception failed = assertThrows(Exception.class, transaction::commit);

        assertEquals(0, cancellations(cancelled), "the change is rolled back with its events");
        assertEquals(0, rows(prefix).size());
        assertTrue(sqlState(failed).startsWith("42"), "the database's reason stays in the cause: " + sqlState(failed));
    }

    private void cancel(UUID letterId) {
        em.createNativeQuery("INSERT INTO cancelled_letter (letter_id, cancelled_at) VALUES (?1, now())").setParameter(1, letterId)
                .executeUpdate();
    }

    private long cancellations(UUID letterId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM cancelled_letter WHERE letter_id = ?1").setParameter(1, letterId).getSingleResult()).longValue());
    }

    /** The event ids of the outbox rows whose key starts with {@code prefix}, in the relay's order. */
    @SuppressWarnings("unchecked")
    private List<UUID> rows(String prefix) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT event_id FROM outbox_event WHERE record_key LIKE ?1 ORDER BY id", UUID.class)
                .setParameter(1, prefix + "%").getResultList());
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "none";
    }
}
