package dk.brevrute.bench;

import dk.brevrute.events.Department;
import dk.brevrute.events.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** The departments' systems: letter requests on their Kafka topics, or over REST with concurrent clients. */
final class Senders {

    private Senders() {
    }

    /** What a sender did: requests handed over, failures, and the first few error texts. */
    static final class Result {
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final Map<String, String> firstErrors = new ConcurrentHashMap<>();
        volatile long firstAt;
        volatile long lastAt;

        void error(String where, String message) {
            failed.incrementAndGet();
            firstErrors.putIfAbsent(where, message.length() > 300 ? message.substring(0, 300) : message);
        }
    }

    /**
     * A departmental producer: the demo's settings (acks=all, idempotent, linger 5 ms), which are also the
     * services' outbox relay settings. Records are keyed {@code <DEPT>:<senderReference>} on the
     * department's {@code letters.requested.<dept>.v1}, timestamped at the moment of sending.
     */
    static final class Kafka implements AutoCloseable {
        private final KafkaProducer<String, String> producer;
        private final Map<String, Department> departments;
        final Tracker.SizeSample sizes = new Tracker.SizeSample();

        Kafka(String bootstrap, List<Department> departments) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "brevrute-bench");
            this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
            Map<String, Department> byId = new java.util.HashMap<>();
            departments.forEach(d -> byId.put(d.id(), d));
            this.departments = byId;
        }

        /** Sends the plan in order; {@code perSecond} > 0 paces it, else as fast as the producer takes them. */
        Result send(List<PlannedLetter> plan, PdfStore.Reader pdfs, Tracker tracker, double perSecond) {
            Result result = new Result();
            long start = System.nanoTime();
            int i = 0;
            for (PlannedLetter letter : plan) {
                if (perSecond > 0) {
                    long due = start + (long) (i * 1e9 / perSecond);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                i++;
                try {
                    String value = Requests.kafkaValue(letter, pdfs.next(letter));
                    String key = Requests.kafkaKey(letter);
                    long now = System.currentTimeMillis();
                    Tracker.Sent s = tracker.sent(letter.senderReference());
                    s.submittedAt = now;
                    if (result.firstAt == 0) {
                        result.firstAt = now;
                    }
                    ProducerRecord<String, String> record = new ProducerRecord<>(
                            Topics.lettersRequested(departments.get(letter.department())), null, now, key, value);
                    producer.send(record, (meta, e) -> {
                        if (e != null) {
                            s.sendFailed = true;
                            result.error("kafka", e.toString());
                        } else {
                            result.sent.incrementAndGet();
                            synchronized (sizes) {
                                sizes.add(meta.serializedValueSize(), meta.serializedKeySize(), 0);
                            }
                        }
                    });
                    result.lastAt = now;
                } catch (RuntimeException e) {
                    result.error("kafka", e.toString());
                }
            }
            producer.flush();
            return result;
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(10));
        }
    }

    /**
     * Departmental systems calling {@code POST /api/v1/letters} (JSON, PDF inline), {@code clients} at a
     * time, each with its department's sender token; 5xx and I/O errors retried up to 5 times (the same
     * request again is the same letter). The submit time is the first attempt's start.
     */
    static final class Rest {
        private final LocalSystem system;
        private final int clients;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final Map<String, String> tokens = new ConcurrentHashMap<>();

        Rest(LocalSystem system, int clients) {
            this.system = system;
            this.clients = clients;
        }

        Result send(List<PlannedLetter> plan, PdfStore.Reader pdfs, Tracker tracker) {
            Result result = new Result();
            AtomicInteger next = new AtomicInteger();
            Object take = new Object();
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Thread t = new Thread(() -> {
                    while (true) {
                        PlannedLetter letter;
                        byte[] pdf;
                        synchronized (take) { // the store is in plan order
                            int i = next.getAndIncrement();
                            if (i >= plan.size()) {
                                return;
                            }
                            letter = plan.get(i);
                            pdf = pdfs.next(letter);
                        }
                        post(letter, pdf, tracker, result);
                    }
                }, "bench-rest-" + c);
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return result;
                }
            }
            return result;
        }

        private void post(PlannedLetter letter, byte[] pdf, Tracker tracker, Result result) {
            Tracker.Sent s = tracker.sent(letter.senderReference());
            String body = Requests.body(letter, pdf).toString();
            String token = tokens.computeIfAbsent(letter.department(),
                    d -> system.tokens().issue("bench-" + d.toLowerCase(), d, List.of("sender")));
            long first = System.currentTimeMillis();
            s.submittedAt = first;
            if (result.firstAt == 0) {
                result.firstAt = first;
            }
            for (int attempt = 1; ; attempt++) {
                HttpRequest req = HttpRequest.newBuilder(URI.create(system.url("letter-intake") + "/api/v1/letters"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                try {
                    HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
                    int status = resp.statusCode();
                    if (status == 200 || status == 201 || status == 422) {
                        s.httpStatus = status;
                        s.respondedAt = System.currentTimeMillis();
                        result.lastAt = s.respondedAt;
                        result.sent.incrementAndGet();
                        return;
                    }
                    if (attempt >= 5 || status < 500) {
                        s.httpStatus = status;
                        s.sendFailed = true;
                        result.error("rest " + status, resp.body());
                        return;
                    }
                } catch (IOException e) {
                    if (attempt >= 5) {
                        s.sendFailed = true;
                        result.error("rest", e.toString());
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                LocalSystem.sleep(500L * attempt);
            }
        }
    }
}
