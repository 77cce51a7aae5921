package dk.brevrute.intake.webhook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dk.brevrute.testinfra.BrevruteInfrastructure;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.SamplePdfs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** Webhooks against real HTTP receivers on loopback (allowed in the test profile only). */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
class WebhookDeliveryTest {

    static String token(String department) {
        return BrevruteInfrastructure.tokens().issue(department.toLowerCase() + "-system", department, List.of("sender"));
    }

    /** A receiver as a department would write it: verifies the signature, de-duplicates by event id. */
    static final class Receiver implements AutoCloseable {
        static final ObjectMapper JSON = new ObjectMapper();
        final HttpServer server;
        final AtomicInteger requests = new AtomicInteger();
        final Set<String> eventIds = ConcurrentHashMap.newKeySet();
        final Set<String> departments = ConcurrentHashMap.newKeySet();
        final List<Instant> receivedAt = new CopyOnWriteArrayList<>();
        volatile String secret;
        volatile int failFirst;
        volatile long hangMillis;

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.createContext("/hook", exchange -> {
                int n = requests.incrementAndGet();
                byte[] body = exchange.getRequestBody().readAllBytes();
                try {
                    if (hangMillis > 0) {
                        Thread.sleep(hangMillis);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                boolean valid = WebhookSignature.verify(secret, exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), body,
                        Instant.now(), Duration.ofMinutes(5));
                int status = !valid ? 401 : n <= failFirst ? 500 : 200;
                if (status == 200) {
                    eventIds.add(exchange.getRequestHeaders().getFirst(WebhookSignature.EVENT_ID_HEADER));
                    departments.add(JSON.readTree(body).path("department").asText());
                    receivedAt.add(Instant.now());
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    static Response subscribe(String department, String url, List<String> kinds) {
        return given().auth().oauth2(token(department)).contentType(ContentType.JSON)
                .body(Map.of("url", url, "kinds", kinds)).post("/api/v1/webhooks");
    }

    static void submit(String department) {
        Map<String, Object> body = new HashMap<>();
        body.put("senderReference", "hook-" + UUID.randomUUID());
        body.put("recipient", Map.of("cvr", "29189846"));
        body.put("subject", "Kvittering");
        body.put("postageClass", "B");
        body.put("document", Map.of("contentBase64", Base64.getEncoder().encodeToString(SamplePdfs.letter(1))));
        given().auth().oauth2(token(department)).contentType(ContentType.JSON).body(body).post("/api/v1/letters").then().statusCode(201);
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheEventOnceSignedAndTheLogShowsTheAttempts() throws Exception {
        try (Receiver receiver = new Receiver()) {
            receiver.failFirst = 2;
            Response created = subscribe("TMF", receiver.url(), List.of("ACCEPTED"));
            created.then().statusCode(201);
            receiver.secret = created.path("secret");
            String id = created.path("id");
            submit("BUF"); // another department's letter: not for TMF's endpoint
            submit("TMF");

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.eventIds.size() == 1);
            assertEquals(3, receiver.requests.get(), "two failures, then delivered");
            assertEquals(Set.of("TMF"), receiver.departments);
            given().auth().oauth2(token("TMF")).get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(200)
                    .body("[0].state", is("DELIVERED")).body("[0].attempts", is(3)).body("[0].lastStatusCode", is(200))
                    .body("[0].status", is("ACCEPTED"));
            given().auth().oauth2(token("BUF")).get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(404);
        }
    }

    @Test
    void aDeadEndpointOfOneDepartmentDoesNotDelayAnother() throws Exception {
        try (Receiver dead = new Receiver(); Receiver alive = new Receiver()) {
            dead.hangMillis = 10_000;
            Response d = subscribe("KFF", dead.url(), List.of("ACCEPTED"));
            dead.secret = d.path("secret");
            for (int i = 0; i < 12; i++) {
                submit("KFF");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> dead.requests.get() >= 3);

            Response a = subscribe("BIF", alive.url(), List.of("ACCEPTED"));
            alive.secret = a.path("secret");
            Instant sent = Instant.now();
            submit("BIF");
            await().atMost(Duration.ofSeconds(10)).until(() -> alive.eventIds.size() == 1);
            Duration took = Duration.between(sent, alive.receivedAt.get(0));
            assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "delivered in " + took + " while KFF's endpoint hangs");
            assertEquals(Set.of("BIF"), alive.departments, "KFF's letters, still being accepted, go to KFF's endpoint only");
        }
    }

    @Test
    void callbackUrlsAreValidated() {
        subscribe("OKF", "ftp://example.org/hook", List.of()).then().statusCode(422).body("title", is("Invalid callback URL"));
        subscribe("OKF", "http://user:pw@example.org/hook", List.of()).then().statusCode(422);
        subscribe("OKF", "not a url", List.of()).then().statusCode(422);
        given().contentType(ContentType.JSON).body(Map.of("url", "https://example.org/hook")).post("/api/v1/webhooks")
                .then().statusCode(401);
    }
}
