package dk.brevrute.eboks.delivery;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import dk.brevrute.eboks.support.Events;
import dk.brevrute.eboks.support.Letters;
import dk.brevrute.eboks.support.WireMockPeers;
import dk.brevrute.events.LetterRead;
import dk.brevrute.events.Topics;
import dk.brevrute.testinfra.BrevruteInfrastructure;
import dk.brevrute.testinfra.BrevruteTestResource;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Receipts (and deliveries) that arrive while another one's transaction is open share the next
 * transaction, and each still takes effect exactly once: on the real database, through the REST
 * endpoint Digital Post calls.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
@WithTestResource(WireMockPeers.class)
class OutcomeCommitsTest extends DeliveryTestSupport {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    OutcomeCommits commits;
    @Inject
    MeterRegistry registry;

    private Letters.Letter delivered() {
        return Letters.deliveredCompany(peers, kafka);
    }

    /** One thread per receipt: each request blocks until its transaction commits. */
    private final ExecutorService senders = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopSenders() {
        senders.shutdownNow();
    }

    private CompletableFuture<String> read(Letters.Letter letter, Instant at) {
        String token = "Bearer " + BrevruteInfrastructure.tokens().issue("sf1601", null, List.of("service"));
        return CompletableFuture.supplyAsync(() -> given().header("Authorization", token).contentType("application/json")
                .body(Map.of("transactionId", letter.transactionId().toString(), "status", "read", "time", at.toString()))
                .post("/api/v1/sf1601/post-status").then().statusCode(200).extract().path("result"), senders);
    }

    @Test
    void receiptsQueuedBehindAnOpenTransactionShareTheNextAndEachIsToldOnce() throws Exception {
        List<Letters.Letter> letters = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            letters.add(delivered());
        }
        Instant readAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        DistributionSummary shared = registry.find("gateway.outcomes.per.transaction").summary();
        long transactionsBefore = shared == null ? 0 : shared.count();
        double unitsBefore = shared == null ? 0 : shared.totalAmount();

        List<CompletableFuture<String>> results = new ArrayList<>();
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            // Another transaction holds the first letter's row: its receipt's transaction waits for it.
            try (PreparedStatement lock = holder.prepareStatement("SELECT 1 FROM digital_delivery WHERE letter_id = ? FOR UPDATE")) {
                lock.setObject(1, letters.get(0).letterId());
                lock.executeQuery().close();
            }
            results.add(read(letters.get(0), readAt));
            await().atMost(Duration.ofSeconds(20)).until(() -> waitingForALock(holder));
            for (Letters.Letter letter : letters.subList(1, 4)) {
                results.add(read(letter, readAt));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> commits.waiting() == 3);
            holder.commit();
        }
        for (CompletableFuture<String> result : results) {
            assertEquals("recorded", result.get(30, java.util.concurrent.TimeUnit.SECONDS));
        }

        shared = registry.find("gateway.outcomes.per.transaction").summary();
        assertEquals(2, shared.count() - transactionsBefore, "the waiting receipt's transaction, then one for the other three");
        assertEquals(4.0, shared.totalAmount() - unitsBefore);
        for (Letters.Letter letter : letters) {
            List<LetterRead> read = Events.await(kafka, Topics.LETTERS_READ, letter.letterId(), LetterRead.class, 2, Duration.ofSeconds(3));
            assertEquals(1, read.size(), "one LetterRead per receipt");
            assertEquals(readAt, read.get(0).readAt());
            assertEquals(readAt, row(letter).readAt);
        }
    }

    /** Whether a transaction other than {@code holder}'s waits for a row lock. */
    private static boolean waitingForALock(Connection holder) throws Exception {
        try (PreparedStatement ps = holder.prepareStatement("SELECT count(*) FROM pg_locks WHERE NOT granted");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }
}
