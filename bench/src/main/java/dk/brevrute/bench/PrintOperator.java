package dk.brevrute.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The print centre's operator, through the operator API (role operator), every 2 s: moves every
 * batch whose print file is made on to its next step (PRINTED, ENVELOPED, FRANKED, HANDED_OVER: the
 * hand-over reports its letters delivered), and closes the open batches once every letter routed to
 * print so far is in a batch or failed (batches also close by themselves at
 * {@code print.batch.max-letters}). Closing waits for the mailing, as an operator closes at the
 * cut-off rather than after every letter. Human handling time is not simulated: the bench measures
 * the software.
 */
final class PrintOperator implements AutoCloseable {

    /** The operator's steps after a batch is closed and its print file made. */
    static final List<String> STEPS = List.of("PRINTED", "ENVELOPED", "FRANKED", "HANDED_OVER");

    private final LocalSystem system;
    private final LongSupplier printBound;
    private final BooleanSupplier mayClose;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    final AtomicInteger closed = new AtomicInteger();
    final AtomicInteger transitions = new AtomicInteger();
    final AtomicInteger errors = new AtomicInteger();
    private volatile boolean running = true;
    private volatile long lastBatched = -1;
    private volatile long lastChange = System.currentTimeMillis();
    private Thread thread;

    /**
     * @param printBound letters whose last decision is PRINT, minus those the print centre failed
     * @param mayClose   true once the current phase has sent everything and every accepted letter is routed
     */
    PrintOperator(LocalSystem system, LongSupplier printBound, BooleanSupplier mayClose) {
        this.system = system;
        this.printBound = printBound;
        this.mayClose = mayClose;
    }

    void start() {
        thread = new Thread(this::loop, "bench-print-operator");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                operate();
            } catch (Exception e) {
                errors.incrementAndGet();
            }
            LocalSystem.sleep(2000);
        }
    }

    private void operate() throws IOException, InterruptedException {
        String token = system.tokens().issue("bench-operator", null, List.of("operator"));
        long batched = 0;
        List<String> open = new java.util.ArrayList<>();
        for (int page = 0; page < 100; page++) {
            JsonNode batches = get("/api/v1/batches?size=200&page=" + page, token);
            if (batches == null || !batches.isArray() || batches.isEmpty()) {
                break;
            }
            for (JsonNode b : batches) {
                String id = b.path("id").asText();
                String state = b.path("state").asText();
                batched += b.path("letters").asLong();
                if (state.equals("OPEN")) {
                    open.add(id);
                } else if (b.path("printFileReady").asBoolean() && b.hasNonNull("nextStep") && !state.equals("FAILED")) {
                    // Step by step to the hand-over, which reports the batch's letters delivered.
                    int step = STEPS.indexOf(b.path("nextStep").asText());
                    while (step >= 0 && step < STEPS.size()) {
                        String body = Requests.JSON.createObjectNode().put("state", STEPS.get(step)).toString();
                        if (post("/api/v1/batches/" + id + "/transitions", body, token) / 100 != 2) {
                            break;
                        }
                        transitions.incrementAndGet();
                        step++;
                    }
                }
            }
        }
        long now = System.currentTimeMillis();
        if (batched != lastBatched) {
            lastBatched = batched;
            lastChange = now;
        }
        boolean allIn = batched >= printBound.getAsLong();
        // Letters a re-check moved to DIGITAL leave a batch: after 30 s without change, close anyway.
        boolean stale = now - lastChange > 30_000;
        if (!open.isEmpty() && mayClose.getAsBoolean() && (allIn || stale)) {
            for (String id : open) {
                if (post("/api/v1/batches/" + id + "/close", null, token) / 100 == 2) {
                    closed.incrementAndGet();
                }
            }
        }
    }

    private JsonNode get(String path, String token) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(system.url("print-center-service") + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? Requests.JSON.readTree(r.body()) : null;
    }

    private int post(String path, String json, String token) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(system.url("print-center-service") + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
