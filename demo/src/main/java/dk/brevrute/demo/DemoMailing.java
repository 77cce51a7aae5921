package dk.brevrute.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.brevrute.demo.PlannedLetter.Invalid;
import dk.brevrute.demo.PlannedLetter.Kind;
import dk.brevrute.demo.PlannedLetter.Path;
import dk.brevrute.events.Channel;
import dk.brevrute.events.CitizenKey;
import dk.brevrute.events.Department;
import dk.brevrute.events.EventJson;
import dk.brevrute.events.RegistrationChanged;
import dk.brevrute.events.RegistrationStatus;
import dk.brevrute.events.Topics;
import dk.brevrute.testinfra.SamplePdfs;
import dk.brevrute.testinfra.Tokens;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The demo mailing {@code bin/brevrute up} sends once every service is ready: a realistic mix of
 * letters over the configured departments, half over REST, half on the departments' Kafka topics,
 * progress while it runs, then a summary whose counts must add up (exit 0) or do not (exit 1).
 * CPR numbers are made up and never printed.
 */
public final class DemoMailing {

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(3);
    private static final Duration CLOSE_BATCHES_EVERY = Duration.ofSeconds(10);
    private static final Duration REST_GIVE_UP = Duration.ofMinutes(3);

    private final Options options;
    private final List<Department> departments = Department.defaults();
    private final String runId = Long.toString(System.currentTimeMillis() / 1000 % 46_656L * 36 + (long) (Math.random() * 36), 36);
    private final Tally tally = new Tally("demo-" + runId + "-");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Tokens tokens;
    private final Instant start = Instant.now();
    private final AtomicInteger submittedRest = new AtomicInteger();
    private final AtomicInteger submittedKafka = new AtomicInteger();
    private final AtomicInteger sendErrors = new AtomicInteger();
    private final Map<String, String> firstErrors = new ConcurrentHashMap<>();

    /**
     * What a mailing came to: whether the counts add up, the prefix of its sender references (which
     * tells its letters from others'), the counts the events gave, how long it took, the requests
     * that could not be sent, and some letters that keep the counts from adding up.
     */
    public record Result(boolean addsUp, String referencePrefix, int requests, int invalidRequests, Tally.Counts counts,
            Duration elapsed, int sendErrors, List<String> unsettled) {
    }

    /** A mailing to run with {@link #run()} (e.g. from a test that breaks things while it runs). */
    public static DemoMailing create(Options options) {
        return new DemoMailing(options);
    }

    private DemoMailing(Options options) {
        this.options = options;
        this.tokens = Tokens.in(options.data().resolve("keys"));
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("demo: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        int code;
        try {
            code = new DemoMailing(options).run().addsUp() ? 0 : 1;
        } catch (Exception e) {
            System.err.println("demo: failed: " + e);
            code = 2;
        }
        System.exit(code);
    }

    /** The prefix of every sender reference of this mailing. */
    public String referencePrefix() {
        return tally.referencePrefix();
    }

    /** The counts so far, from the events (safe to call from another thread while the mailing runs). */
    public Tally.Counts counts() {
        return tally.counts();
    }

    /** Requests sent so far (answered over REST, or acknowledged by the broker). */
    public int sent() {
        return submittedRest.get() + submittedKafka.get();
    }

    /** Sends the mailing, waits for every accepted letter to finish, prints the summary. */
    public Result run() throws Exception {
        List<PlannedLetter> plan = MailingPlan.generate(options.letters(), options.seed(),
                departments.stream().map(Department::id).toList(), runId);
        List<String> invalid = plan.stream().filter(l -> !l.valid()).map(PlannedLetter::senderReference).toList();
        Map<Kind, Long> mix = plan.stream().filter(PlannedLetter::valid)
                .collect(Collectors.groupingBy(PlannedLetter::kind, TreeMap::new, Collectors.counting()));
        long forced = plan.stream().filter(PlannedLetter::forcePaper).count();
        System.out.printf("Demo mailing %s: %d requests over %d departments (seed %d)%n", runId, plan.size(), departments.size(),
                options.seed());
        System.out.printf("  planned: %s; %d forced to paper; %d invalid on purpose; half over REST (%d clients), half on Kafka%n",
                mix.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().name().toLowerCase().replace('_', '-'))
                        .collect(Collectors.joining(", ")), forced, invalid.size(), options.restClients());

        JsonNode simulatorBefore = getJson(options.url("sf1601-simulator") + "/admin/counters", null);
        Map<String, Integer> ledgerBefore = ledgerLetters();

        AtomicBoolean stop = new AtomicBoolean();
        Thread consumer = new Thread(() -> consume(stop), "demo-events");
        consumer.setDaemon(true);
        consumer.start();

        try (KafkaProducer<String, String> producer = producer()) {
            publishExemptions(producer, plan);
            Pdfs pdfs = new Pdfs();
            System.out.println("  sending ...");
            Thread kafkaSender = new Thread(() -> sendOnKafka(producer, plan, pdfs), "demo-kafka");
            kafkaSender.start();
            ExecutorService rest = Executors.newFixedThreadPool(options.restClients());
            for (PlannedLetter letter : plan) {
                if (letter.path() == Path.REST) {
                    rest.submit(() -> sendOverRest(letter, pdfs));
                }
            }
            rest.shutdown();
            Instant lastProgress = Instant.EPOCH;
            while (!rest.awaitTermination(200, TimeUnit.MILLISECONDS) || kafkaSender.isAlive()) {
                if (Duration.between(lastProgress, Instant.now()).compareTo(PROGRESS_EVERY) >= 0) {
                    progress(plan.size());
                    lastProgress = Instant.now();
                }
            }
            producer.flush();
        }
        progress(plan.size());
        System.out.printf("  all %d requests sent in %d s (%d send errors); operating the print centre and waiting "
                + "(at most %d s) ...%n", plan.size(), Duration.between(start, Instant.now()).toSeconds(), sendErrors.get(),
                options.timeout().toSeconds());
        firstErrors.forEach((k, v) -> System.out.println("    send error " + k + ": " + v));

        boolean finished = awaitCompletion(plan.size());
        stop.set(true);
        consumer.join(5000);
        awaitLedger(ledgerBefore);
        boolean addsUp = summary(plan, invalid, finished, simulatorBefore, ledgerBefore);
        return new Result(addsUp, tally.referencePrefix(), plan.size(), invalid.size(), tally.counts(),
                Duration.between(start, Instant.now()), sendErrors.get(), tally.unsettled(5));
    }

    // --- sending ---------------------------------------------------------------------------------

    private KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafka());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "brevrute-demo");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** Exemptions come from the registration feed, keyed by the citizen key (never the number). */
    private void publishExemptions(KafkaProducer<String, String> producer, List<PlannedLetter> plan) throws Exception {
        List<PlannedLetter> exempt = plan.stream().filter(l -> l.valid() && l.kind() == Kind.EXEMPT).toList();
        if (exempt.isEmpty()) {
            return;
        }
        CitizenKey keys = new CitizenKey(citizenKeySecret());
        Instant now = Instant.now();
        for (PlannedLetter letter : exempt) {
            String key = keys.of(letter.cpr());
            RegistrationChanged event = new RegistrationChanged(UUID.randomUUID(), now, key, RegistrationStatus.EXEMPT,
                    null, now);
            producer.send(new ProducerRecord<>(Topics.REGISTRATIONS_CHANGED, key, JSON.writeValueAsString(event))).get();
        }
        System.out.printf("  published %d EXEMPT registrations on %s; giving routing-service 3 s to read them%n", exempt.size(),
                Topics.REGISTRATIONS_CHANGED);
        Thread.sleep(3000);
    }

    private String citizenKeySecret() throws IOException {
        String env = System.getenv("ROUTING_CITIZEN_KEY_SECRET");
        if (env != null && !env.isBlank()) {
            return env;
        }
        return Files.readString(options.data().resolve("secrets/routing-citizen-key-secret")).strip();
    }

    private void sendOnKafka(KafkaProducer<String, String> producer, List<PlannedLetter> plan, Pdfs pdfs) {
        for (PlannedLetter letter : plan) {
            if (letter.path() != Path.KAFKA) {
                continue;
            }
            try {
                ObjectNode body = request(letter, pdfs);
                body.put("eventId", UUID.randomUUID().toString());
                body.put("occurredAt", Instant.now().toString());
                Department d = department(letter.department());
                producer.send(new ProducerRecord<>(Topics.lettersRequested(d), letter.department() + ":" + letter.senderReference(),
                        JSON.writeValueAsString(body)), (meta, e) -> {
                            if (e != null) {
                                error("kafka", e.toString());
                            } else {
                                submittedKafka.incrementAndGet();
                            }
                        });
            } catch (Exception e) {
                error("kafka", e.toString());
            }
        }
    }

    /**
     * One request over REST, as a departmental system sends it: a 429 waits its Retry-After, an
     * unanswered request or a 5xx is sent again (the same request is the same letter, once) until
     * {@link #REST_GIVE_UP}, so a restarting letter-intake costs time, not letters.
     */
    private void sendOverRest(PlannedLetter letter, Pdfs pdfs) {
        try {
            String body = JSON.writeValueAsString(request(letter, pdfs));
            String token = tokens.issue("demo-" + letter.department().toLowerCase(), letter.department(), List.of("sender"));
            Instant giveUp = Instant.now().plus(REST_GIVE_UP);
            for (int attempt = 1; ; attempt++) {
                HttpRequest req = HttpRequest.newBuilder(URI.create(options.url("letter-intake") + "/api/v1/letters"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                String failure;
                try {
                    HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
                    int s = resp.statusCode();
                    // 201 new, 200 same again (a retry after a lost answer), 422 rejected as planned.
                    if (s == 200 || s == 201 || s == 422) {
                        submittedRest.incrementAndGet();
                        return;
                    }
                    failure = resp.body().length() > 300 ? resp.body().substring(0, 300) : resp.body();
                    if (s == 429) { // over the department's rate limit: again after Retry-After
                        Thread.sleep(1000L * Math.min(10, resp.headers().firstValueAsLong("Retry-After").orElse(1)));
                        continue;
                    }
                    if (s < 500) {
                        error("rest " + s, failure);
                        return;
                    }
                    failure = "HTTP " + s + ": " + failure;
                } catch (IOException e) {
                    failure = e.toString();
                }
                if (Instant.now().isAfter(giveUp)) {
                    error("rest", failure);
                    return;
                }
                Thread.sleep(Math.min(3000L, 250L * attempt));
            }
        } catch (Exception e) {
            error("rest", e.toString());
        }
    }

    private void error(String where, String message) {
        sendErrors.incrementAndGet();
        firstErrors.putIfAbsent(where, message);
    }

    /** The request body, the same for REST and Kafka (the Kafka record adds eventId and occurredAt). */
    private ObjectNode request(PlannedLetter letter, Pdfs pdfs) {
        ObjectNode body = JSON.createObjectNode();
        body.put("senderReference", letter.senderReference());
        ObjectNode recipient = body.putObject("recipient");
        switch (letter.kind()) {
            case COMPANY -> recipient.put("type", "CVR").put("cvr", letter.cvr());
            case ADDRESS_ONLY -> {
                recipient.put("type", "ADDRESS");
                List<String> a = Pdfs.address(letter.number());
                recipient.putObject("address").put("name", a.get(0)).put("street", a.get(1))
                        .put("postcode", a.get(2).substring(0, 4)).put("city", a.get(2).substring(5)).put("country", "DK");
            }
            default -> recipient.put("type", "CPR").put("cpr", letter.cpr());
        }
        String subject = Pdfs.subject(letter.number());
        if (letter.invalid() != Invalid.MISSING_SUBJECT) {
            body.put("subject", subject);
        }
        body.put("postageClass", letter.number() % 5 == 0 ? "A" : "B");
        body.put("forcePaper", letter.forcePaper());
        body.putObject("document")
                .put("filename", letter.senderReference() + ".pdf")
                .put("contentBase64", pdfs.base64(letter));
        return body;
    }

    private Department department(String id) {
        return departments.stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }

    /** A few PDFs made once and reused: generating 2,000 would take longer than sending them. */
    static final class Pdfs {
        private static final String[] NAMES = {"Mette Nielsen", "Lars Jensen", "Anne Hansen", "Peter Pedersen", "Kirsten Andersen",
            "Søren Christensen", "Hanne Larsen", "Jens Sørensen", "Camilla Rasmussen", "Mikkel Jørgensen", "Fatima Ali",
            "Jonas Petersen"};
        private static final String[] STREETS = {"Nørregade 1, 2. tv.", "Amagerbrogade 112, st.", "Jagtvej 69, 3. th.",
            "Vesterbrogade 41, 1.", "Frederikssundsvej 230", "Østerbrogade 88, 4. tv.", "Valby Langgade 17",
            "Tagensvej 12, 2. th.", "Sundholmsvej 5", "Borups Allé 44, 1. mf."};
        private static final String[] CITIES = {"1165 København K", "2300 København S", "2200 København N", "1620 København V",
            "2700 Brønshøj", "2100 København Ø", "2500 Valby", "2200 København N", "2300 København S", "2000 Frederiksberg"};
        private static final String[] SUBJECTS = {"Afgørelse om pladsanvisning", "Indkaldelse til samtale", "Svar på ansøgning om boligstøtte",
            "Varsel om vejarbejde", "Bekræftelse af tilmelding", "Afgørelse om hjemmehjælp", "Opkrævning af forældrebetaling",
            "Tilladelse til udeservering", "Orientering om affaldsordning", "Indkaldelse til sundhedsundersøgelse"};
        private static final int VARIANTS = 30;

        private final Map<Integer, String> withWindow = new ConcurrentHashMap<>();
        private final Map<Integer, String> withoutWindow = new ConcurrentHashMap<>();

        static List<String> address(int n) {
            return List.of(NAMES[n % NAMES.length], STREETS[n % STREETS.length], CITIES[n % STREETS.length]);
        }

        static String subject(int n) {
            return SUBJECTS[n % SUBJECTS.length];
        }

        String base64(PlannedLetter letter) {
            int variant = letter.number() % VARIANTS;
            int pages = 1 + variant % 3;
            if (letter.windowAddress()) {
                return withWindow.computeIfAbsent(variant, v -> encode(SamplePdfs.letter(pages, address(letter.number()),
                        subject(letter.number()))));
            }
            return withoutWindow.computeIfAbsent(variant % 5, v -> encode(SamplePdfs.letter(pages, List.of(), subject(letter.number()))));
        }

        private static String encode(byte[] pdf) {
            return Base64.getEncoder().encodeToString(pdf);
        }
    }

    // --- watching --------------------------------------------------------------------------------

    private void consume(AtomicBoolean stop) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafka());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "brevrute-demo-watch");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<String> topics = new ArrayList<>(List.of(Topics.LETTERS_ROUTED, Topics.LETTERS_REJECTED, Topics.LETTERS_DELIVERED));
            departments.forEach(d -> topics.add(Topics.lettersStatusChanged(d)));
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stop.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        apply(record.topic(), JSON.readTree(record.value()));
                    } catch (Exception e) {
                        // not a record of a shape the demo reads: someone else's; ignore it
                    }
                }
            }
        } catch (Exception e) {
            System.err.println("demo: event consumer stopped: " + e);
        }
    }

    private void apply(String topic, JsonNode e) {
        switch (topic) {
            case Topics.LETTERS_ROUTED -> tally.routed(UUID.fromString(e.path("letterId").asText()),
                    e.path("letter").path("senderReference").asText(null), e.path("sequence").asInt(1),
                    Channel.valueOf(e.path("channel").asText()), e.path("reason").asText());
            case Topics.LETTERS_REJECTED -> {
                List<String> codes = new ArrayList<>();
                e.path("violations").forEach(v -> codes.add(v.path("code").asText()));
                tally.rejected(e.path("senderReference").asText(null), codes);
            }
            case Topics.LETTERS_DELIVERED -> tally.delivered(UUID.fromString(e.path("letterId").asText()),
                    Channel.valueOf(e.path("channel").asText()));
            default -> { // a department's status feed
                String ref = e.path("senderReference").asText(null);
                if (!tally.isOurs(ref) || e.path("letterId").isMissingNode() || e.path("letterId").isNull()) {
                    return;
                }
                UUID id = UUID.fromString(e.path("letterId").asText());
                switch (e.path("status").asText()) {
                    case "ACCEPTED" -> tally.accepted(id, ref);
                    case "FAILED" -> tally.failed(id, ref, e.path("reason").asText(null));
                    case "CANCELLED" -> tally.cancelled(id, ref);
                    default -> { }
                }
            }
        }
    }

    private void progress(int total) {
        Tally.Counts c = tally.counts();
        System.out.printf("  [%3d s] sent %d/%d (REST %d, Kafka %d) | accepted %d, rejected %d | routed %d | "
                + "in a digital mailbox %d, handed over on paper %d, failed %d | still on its way %d%n",
                Duration.between(start, Instant.now()).toSeconds(), submittedRest.get() + submittedKafka.get(), total,
                submittedRest.get(), submittedKafka.get(), c.accepted(), c.rejected(), tally.routedLetters(), c.digital(), c.paper(),
                c.failed(), c.pending());
    }

    private boolean awaitCompletion(int total) throws InterruptedException {
        Instant deadline = Instant.now().plus(options.timeout());
        Instant lastClose = Instant.EPOCH;
        int sent = total - sendErrors.get();
        while (Instant.now().isBefore(deadline)) {
            Tally.Counts c = tally.counts();
            if (c.accepted() + c.rejected() >= sent && c.pending() == 0) {
                return true;
            }
            boolean close = Duration.between(lastClose, Instant.now()).compareTo(CLOSE_BATCHES_EVERY) >= 0;
            operateBatches(close);
            if (close) {
                lastClose = Instant.now();
            }
            Thread.sleep(PROGRESS_EVERY.toMillis());
            progress(total);
        }
        System.out.printf("  gave up waiting after %d s%n", options.timeout().toSeconds());
        return false;
    }

    /**
     * What a print-centre operator does, through the operator API: close the open batches (every
     * {@link #CLOSE_BATCHES_EVERY}, so late letters still find a batch to join) and move this mailing's
     * closed batches on to their next step once their print file is made (the simulation would too,
     * but only every 30 s per step).
     */
    private void operateBatches(boolean close) {
        String token = tokens.issue("demo-operator", null, List.of("operator"));
        int closed = 0;
        int advanced = 0;
        try {
            JsonNode batches = getJson(options.url("print-center-service") + "/api/v1/batches?size=200", token);
            for (JsonNode batch : batches) {
                String id = batch.path("id").asText();
                String closedAt = batch.path("closedAt").asText(null);
                if ("OPEN".equals(batch.path("state").asText())) {
                    if (close && post("/api/v1/batches/" + id + "/close", null, token) / 100 == 2) {
                        closed++;
                    }
                } else if (closedAt != null && !Instant.parse(closedAt).isBefore(start) && batch.path("printFileReady").asBoolean()
                        && batch.hasNonNull("nextStep")) {
                    String body = JSON.createObjectNode().put("state", batch.path("nextStep").asText()).toString();
                    if (post("/api/v1/batches/" + id + "/transitions", body, token) / 100 == 2) {
                        advanced++;
                    }
                }
            }
        } catch (Exception e) {
            System.out.println("    print centre: " + e);
        }
        if (closed + advanced > 0) {
            System.out.printf("    operator 'demo-operator': closed %d print batches, moved %d on a step%n", closed, advanced);
        }
    }

    private int post(String path, String json, String token) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(options.url("print-center-service") + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The ledger books deliveries from the same events, a little later: give it a few seconds. */
    private void awaitLedger(Map<String, Integer> before) throws InterruptedException {
        Tally.Counts c = tally.counts();
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            Map<String, Integer> after = ledgerLetters();
            if (delta(after, before, "DIGITAL") >= c.digital() && delta(after, before, "PRINT") >= c.paper()) {
                return;
            }
            Thread.sleep(1000);
        }
    }

    // --- summary ---------------------------------------------------------------------------------

    private boolean summary(List<PlannedLetter> plan, List<String> invalid, boolean finished, JsonNode simulatorBefore,
            Map<String, Integer> ledgerBefore) throws Exception {
        Tally.Counts c = tally.counts();
        System.out.printf("%n=== Demo mailing %s: summary after %d s ===%n", runId, Duration.between(start, Instant.now()).toSeconds());
        System.out.printf("Requests: %d sent (%d over REST, %d on Kafka), %d accepted, %d rejected%n", plan.size(),
                submittedRest.get(), submittedKafka.get(), c.accepted(), c.rejected());

        System.out.println("\nLetters by channel and reason (letters.routed.v1, last decision per letter):");
        tally.byChannelAndReason().forEach((k, v) -> System.out.printf("  %-32s %6d%n", k, v));
        System.out.printf("  (re-routed after a first decision: %d)%n", tally.rerouted());

        System.out.println("\nDelivery:");
        System.out.printf("  %-32s %6d%n", "in a digital mailbox", c.digital());
        System.out.printf("  %-32s %6d%n", "handed over on paper", c.paper());
        System.out.printf("  %-32s %6d%n", "recorded in both channels", c.both());
        System.out.printf("  %-32s %6d%n", "failed with a reason", c.failed());
        tally.failureReasons().forEach((k, v) -> System.out.printf("    %-30s %6d%n", k, v));
        System.out.printf("  %-32s %6d%n", "cancelled", c.cancelled());
        System.out.printf("  %-32s %6d%n", "not finished", c.pending());
        tally.unsettled(10).forEach(letter -> System.out.println("    not settled: " + letter));

        System.out.println("\nRejected requests by reason (letters.rejected.v1):");
        tally.rejectionReasons().forEach((k, v) -> System.out.printf("  %-32s %6d%n", k, v));
        Map<Invalid, Long> sentInvalid = plan.stream().filter(l -> !l.valid())
                .collect(Collectors.groupingBy(PlannedLetter::invalid, TreeMap::new, Collectors.counting()));
        System.out.printf("  invalid on purpose: %s%n", sentInvalid);

        printBatches();
        printSimulator(simulatorBefore);
        printLedger(ledgerBefore);

        System.out.println("\nExplore:");
        System.out.printf("  dashboard        %s/dashboard/   (sign in with a token of role finance, see the README)%n",
                options.publicUrl("savings-ledger"));
        for (String service : List.of("letter-intake", "routing-service", "eboks-gateway", "print-center-service", "savings-ledger",
                "sf1601-simulator")) {
            System.out.printf("  %-22s %s/q/swagger-ui%n", service, options.publicUrl(service));
        }
        System.out.printf("  simulator        %s/admin/counters, %s/admin/mailbox%n", options.publicUrl("sf1601-simulator"),
                options.publicUrl("sf1601-simulator"));

        boolean channels = c.channelsAddUp();
        boolean rejectedOk = tally.rejectedReferences().equals(Set.copyOf(invalid));
        boolean ok = finished && Tally.addsUp(c, invalid, tally.rejectedReferences(), plan.size(), tally.acceptedReferences());
        System.out.println("\nCheck:");
        System.out.printf("  digital + paper = accepted - cancelled - failed + both:  %d + %d = %d - %d - %d + %d  -> %s%n",
                c.digital(), c.paper(), c.accepted(), c.cancelled(), c.failed(), c.both(),
                channels && c.pending() == 0 ? "OK" : "MISMATCH");
        System.out.printf("  rejected = invalid requests sent:  %d = %d  -> %s%n", c.rejected(), invalid.size(),
                rejectedOk ? "OK" : "MISMATCH");
        System.out.printf("  accepted + rejected = requests sent:  %d + %d = %d  -> %s%n", c.accepted(), c.rejected(), plan.size(),
                c.accepted() + c.rejected() == plan.size() ? "OK" : "MISMATCH");
        System.out.println(ok ? "Demo mailing: the counts add up." : "Demo mailing: the counts do NOT add up.");
        return ok;
    }

    private void printBatches() {
        System.out.println("\nPrint batches of this mailing (print-center-service):");
        try {
            String token = tokens.issue("demo-operator", null, List.of("operator"));
            Map<String, int[]> byState = new TreeMap<>();
            BigDecimal postage = BigDecimal.ZERO;
            for (int page = 0; page < 50; page++) {
                JsonNode batches = getJson(options.url("print-center-service") + "/api/v1/batches?size=200&page=" + page, token);
                if (!(batches instanceof ArrayNode) || batches.isEmpty()) {
                    break;
                }
                for (JsonNode b : batches) {
                    String closed = b.path("closedAt").asText(null);
                    if (closed != null && Instant.parse(closed).isBefore(start)) {
                        continue;
                    }
                    int[] n = byState.computeIfAbsent(b.path("state").asText(), k -> new int[4]);
                    n[0]++;
                    n[1] += b.path("letters").asInt();
                    n[2] += b.path("envelopes").asInt();
                    n[3] += b.path("sheets").asInt();
                    postage = postage.add(b.path("postage").decimalValue());
                }
            }
            byState.forEach((state, n) -> System.out.printf("  %-12s %4d batches, %5d letters, %5d envelopes, %6d sheets%n",
                    state, n[0], n[1], n[2], n[3]));
            System.out.printf("  postage paid: %s DKK%n", postage);
        } catch (Exception e) {
            System.out.println("  (not available: " + e + ")");
        }
    }

    private void printSimulator(JsonNode before) {
        System.out.println("\nSF1601 simulator (Digital Post), this mailing:");
        try {
            JsonNode after = getJson(options.url("sf1601-simulator") + "/admin/counters", null);
            for (String field : List.of("mailboxPlacements", "letters", "transactions", "postAttempts", "duplicateTransactions",
                    "refusedRecipients")) {
                System.out.printf("  %-32s %6d%n", field, after.path(field).asLong() - before.path(field).asLong());
            }
            System.out.printf("  %-32s %6d (all time; must be 0)%n", "lettersPlacedMoreThanOnce", after.path("lettersPlacedMoreThanOnce").asLong());
        } catch (Exception e) {
            System.out.println("  (not available: " + e + ")");
        }
    }

    private void printLedger(Map<String, Integer> before) {
        System.out.println("\nSavings per department (savings-ledger, " + Year.now(ZoneOffset.UTC) + " so far, all mailings):");
        try {
            Map<String, Integer> after = ledgerLetters();
            System.out.printf("  booked by this mailing: %d digital, %d paper%n", delta(after, before, "DIGITAL"),
                    delta(after, before, "PRINT"));
            JsonNode report = getJson(options.url("savings-ledger") + "/api/v1/reports/departments?year=" + Year.now(ZoneOffset.UTC),
                    financeToken());
            System.out.printf("  %-6s %8s %8s %9s %14s%n", "dept", "digital", "paper", "digital%", "saved (DKK)");
            for (JsonNode d : report.path("departments")) {
                System.out.printf("  %-6s %8d %8d %9s %14s%n", d.path("code").asText(), d.path("digitalLetters").asLong(),
                        d.path("printLetters").asLong(), d.path("digitalSharePct").isMissingNode() ? "-" : d.path("digitalSharePct").asText(),
                        d.path("realisedGrossSaving").asText());
            }
        } catch (Exception e) {
            System.out.println("  (not available: " + e + ")");
        }
    }

    private String financeToken() {
        return tokens.issue("demo-finance", null, List.of("finance"));
    }

    /** Letters booked so far by channel (DIGITAL, PRINT), all departments. */
    private Map<String, Integer> ledgerLetters() {
        Map<String, Integer> result = new HashMap<>();
        try {
            for (JsonNode row : getJson(options.url("savings-ledger") + "/api/v1/bookings/totals", financeToken())) {
                result.merge(row.path("channel").asText(), row.path("letters").asInt(), Integer::sum);
            }
        } catch (Exception e) {
            // the summary says so where it matters
        }
        return result;
    }

    private static int delta(Map<String, Integer> after, Map<String, Integer> before, String channel) {
        return after.getOrDefault(channel, 0) - before.getOrDefault(channel, 0);
    }

    private JsonNode getJson(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (resp.statusCode() != 200) {
            throw new IOException("GET " + url + ": HTTP " + resp.statusCode());
        }
        return JSON.readTree(resp.body());
    }

}
