package dk.brevrute.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dk.brevrute.bench.Correctness.Amounts;
import dk.brevrute.events.CitizenKey;
import dk.brevrute.events.Department;
import dk.brevrute.events.RegistrationChanged;
import dk.brevrute.events.RegistrationStatus;
import dk.brevrute.events.Topics;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The benchmark: one command, one machine. Brings the whole system up with bin/brevrute (own data
 * folder, free ports), then runs, each to completion: a mass mailing on the Kafka intake, a mass
 * mailing over REST, a latency phase at a fixed background rate; checks correctness; measures the
 * raw-Kafka chain on the same broker with the record sizes the pipeline produced; restarts each
 * service alone to time its start-up; writes results.json and results.md; stops everything.
 */
public final class Bench {

    static final String KAFKA = "kafka";
    static final String REST = "rest";
    static final String LATENCY = "latency";

    private final Options options;
    private final Path repo;
    private final Path benchHome;
    private final String classpath;
    private final List<Department> departments = Department.defaults();
    private final String runId = Long.toString(System.currentTimeMillis() / 1000 % 1_679_616L, 36);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<String, Object> report = new LinkedHashMap<>();
    private LocalSystem system;
    private Tracker tracker;
    private Sampler sampler;
    private volatile String currentPhase;
    private volatile boolean currentSent;
    private Map<String, Double> idleCpuPerSecond = Map.of();

    Bench(Options options, Path repo, Path benchHome, String classpath) {
        this.options = options;
        this.repo = repo;
        this.benchHome = benchHome;
        this.classpath = classpath;
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(Options.USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (!isEmptyOrMissing(dataFolder(options))) {
            // A previous run's Kafka log and databases would add its letters to this run's counts.
            System.err.println("bench: the data folder " + dataFolder(options) + " is not empty (a previous run's?): "
                    + "give another --out or --data, or delete it");
            System.exit(2);
            return;
        }
        Path benchHome = Path.of(System.getProperty("bench.home", ".")).toAbsolutePath().normalize();
        Path repo = benchHome.getParent();
        String cp = benchHome.resolve("target/classes") + ":" + readClasspath(benchHome);
        int code;
        try {
            Outcome outcome = new Bench(options, repo, benchHome, cp).run();
            code = outcome.correct() ? 0 : 1;
        } catch (Exception e) {
            System.err.println("bench: failed: " + e);
            e.printStackTrace();
            code = 2;
        }
        System.exit(code);
    }

    static Path dataFolder(Options options) {
        return options.data() != null ? options.data() : options.out().resolve("data");
    }

    static boolean isEmptyOrMissing(Path folder) {
        if (!Files.isDirectory(folder)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    static String readClasspath(Path benchHome) {
        try {
            return Files.readString(benchHome.resolve("target/bench.classpath")).strip();
        } catch (IOException e) {
            throw new IllegalStateException("bench/target/bench.classpath is missing: build the bench first (bench/run does)", e);
        }
    }

    /** Where the results went and whether every correctness check passed. */
    record Outcome(Path json, Path markdown, boolean correct, Map<String, Object> report) {
    }

    @SuppressWarnings("unchecked")
    Outcome run() throws Exception {
        Files.createDirectories(options.out());
        Path data = dataFolder(options);
        say("Brevrute benchmark %s: results in %s", runId, options.out());
        report.put("run", runInfo());

        // 1. The mailings and their PDFs, made before the system starts so their CPU is not the pipeline's.
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Copenhagen"));
        List<String> ids = departments.stream().map(Department::id).toList();
        Map<String, List<PlannedLetter>> plans = new LinkedHashMap<>();
        plans.put(KAFKA, Mix.generate(options.letters(), 1, KAFKA, options.seed(), ids, runId));
        int next = options.letters() + 1;
        if (options.restLetters() > 0) {
            plans.put(REST, Mix.generate(options.restLetters(), next, REST, options.seed() + 1, ids, runId));
            next += options.restLetters();
        }
        if (options.latencyLetters() > 0) {
            plans.put(LATENCY, Mix.generate(options.latencyLetters(), next, LATENCY, options.seed() + 2, ids, runId));
        }
        Map<String, Object> pdfReport = new LinkedHashMap<>();
        long pdfStart = System.nanoTime();
        for (var e : plans.entrySet()) {
            PdfStore.Stats s = PdfStore.write(options.out().resolve("pdfs-" + e.getKey() + ".bin"), e.getValue(), departments, today,
                    options.pdfThreads());
            pdfReport.put(e.getKey(), Map.of("letters", s.letters(), "meanBytes", s.bytes() / Math.max(1, s.letters()),
                    "minBytes", s.minBytes(), "maxBytes", s.maxBytes()));
        }
        pdfReport.put("seconds", round((System.nanoTime() - pdfStart) / 1e9));
        report.put("pdfs", pdfReport);
        say("made %d distinct PDFs in %.0f s", plans.values().stream().mapToInt(List::size).sum(), (System.nanoTime() - pdfStart) / 1e9);

        // 2. The system, as bin/brevrute runs it.
        String secret = HexFormat.of().formatHex(SecureRandom.getSeed(32));
        system = new LocalSystem(repo, data, classpath, secret, options.partitions());
        // Interrupted (Ctrl-C, kill): stop the system this run started instead of leaving nine processes behind.
        LocalSystem started = system;
        Thread stopOnInterrupt = new Thread(() -> {
            say("interrupted: stopping the system (data kept in %s)", data);
            started.down(false);
        }, "bench-stop-system");
        Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
        boolean correct = false;
        try {
            ((Map<String, Object>) report.get("run")).put("servicesBuiltAt", system.snapshotApps());
            say("starting the system (bin/brevrute up --no-demo --data %s)", data);
            long upStart = System.currentTimeMillis();
            Map<String, LocalSystem.Readiness> readiness = system.up(Duration.ofMinutes(5));
            say("system ready in %.0f s", (System.currentTimeMillis() - upStart) / 1000.0);
            Map<String, Object> processes = new LinkedHashMap<>();
            report.put("processes", processes);
            readiness.forEach((name, r) -> processes.put(name, new LinkedHashMap<>(Map.of(
                    "readyMsConcurrentStart", r.readyMillis(),
                    "quarkusStartedInSeconds", r.quarkusStartedInSeconds() == null ? -1 : r.quarkusStartedInSeconds()))));

            tracker = new Tracker(system.bootstrap(), "bench-" + runId + "-");
            plans.values().forEach(tracker::plan);
            tracker.start();
            sampler = new Sampler(system, this::componentPids);
            sampler.start();
            publishExemptions(plans);

            idleCpuPerSecond = idleBaseline(Duration.ofSeconds(options.idleSeconds()));

            Map<String, Amounts> ledgerBefore = ledgerTotals();
            JsonNode simulatorBefore = getJson(system.url("sf1601-simulator") + "/admin/counters", null);
            Map<String, Object> phases = new LinkedHashMap<>();
            report.put("phases", phases);
            try (PrintOperator operator = new PrintOperator(system, this::printBound, this::mayClose);
                    Senders.Kafka kafka = new Senders.Kafka(system.bootstrap(), departments)) {
                operator.start();
                for (var e : plans.entrySet()) {
                    phases.put(e.getKey(), runPhase(e.getKey(), e.getValue(), kafka, ledgerBefore));
                }
                report.put("printOperator", Map.of("batchesClosed", operator.closed.get(), "transitions", operator.transitions.get(),
                        "errors", operator.errors.get()));
                report.put("requestedRecordSizes", sizeMap(kafka.sizes));
                // 3. Correctness over every phase.
                Correctness.Verdict verdict = correctness(ledgerBefore, simulatorBefore);
                correct = verdict.passed();
                report.put("correctness", verdictMap(verdict));
                say("correctness: %s", verdict.passed() ? "all checks pass" : "FAILED");
                verdict.checks().forEach(c -> say("  %s %s: %s", c.passed() ? "ok  " : "FAIL", c.name(), c.detail()));

                recordProcesses(processes);

                // 4. The raw-Kafka limit, with the sizes the pipeline's records had.
                if (options.rawRecords() > 0 && tracker.sizes().keySet().containsAll(List.of(Topics.LETTERS_SUBMITTED, Topics.LETTERS_ROUTED,
                        Topics.LETTERS_DELIVERED)) && kafka.sizes.count > 0) {
                    Map<String, Tracker.SizeSample> seen = tracker.sizes();
                    List<Tracker.SizeSample> sizes = List.of(kafka.sizes, seen.getOrDefault(Topics.LETTERS_SUBMITTED, new Tracker.SizeSample()),
                            seen.getOrDefault(Topics.LETTERS_ROUTED, new Tracker.SizeSample()),
                            seen.getOrDefault(Topics.LETTERS_DELIVERED, new Tracker.SizeSample()));
                    say("raw-Kafka chain: %d records, 4 hops, 5 JVMs ...", options.rawRecords());
                    RawChain.Result raw = RawChain.run(system.bootstrap(), sizes, options.rawRecords(), partitions(), classpath,
                            options.out().resolve("raw-chain"), runId);
                    report.put("rawChain", rawMap(raw));
                    say("raw-Kafka chain: %.0f records/s end to end (%.1f s)", raw.recordsPerSecond(), raw.seconds());
                } else if (options.rawRecords() > 0) {
                    say("raw-Kafka chain skipped: the pipeline produced no records to copy the sizes of");
                }
            }
            sampler.close();
            tracker.close();

            // 5. Start-up of each service alone, on an otherwise idle system.
            if (!options.readyProbe().isEmpty()) {
                say("restarting services one at a time to time their start-up alone ...");
                for (String s : options.readyProbe()) {
                    long waited = awaitQuietMachine(Duration.ofSeconds(60));
                    LocalSystem.Readiness r = system.restartAlone(s, Duration.ofMinutes(3));
                    @SuppressWarnings("unchecked")
                    Map<String, Object> p = (Map<String, Object>) processes.get(s);
                    p.put("readyMsAlone", r.readyMillis());
                    p.put("quarkusStartedInSecondsAlone", r.quarkusStartedInSeconds() == null ? -1 : r.quarkusStartedInSeconds());
                    p.put("quietWaitMsBeforeAlone", waited);
                    say("  %s ready %d ms after its process started (alone; started after %d ms of waiting for a quiet machine)", s,
                            r.readyMillis(), waited);
                }
            }
            report.put("samples", samplesMap());
            report.put("targets", Report.targets(report));
        } finally {
            if (sampler != null) {
                sampler.close();
            }
            if (tracker != null) {
                tracker.close();
            }
            copyLogs(data);
            boolean interrupted = false;
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
            } catch (IllegalStateException shuttingDown) {
                interrupted = true; // the hook stops the system and keeps its data
            }
            if (!interrupted) {
                try {
                    system.down(!options.keepData());
                    say("system stopped%s", options.keepData() ? " (data kept in " + data + ")" : " and its data deleted");
                } catch (RuntimeException e) {
                    say("could not stop the system cleanly: %s (see %s)", e.getMessage(), system.upLog());
                }
            }
            system.deleteApps();
            Files.deleteIfExists(options.out().resolve("pdfs-" + KAFKA + ".bin"));
            Files.deleteIfExists(options.out().resolve("pdfs-" + REST + ".bin"));
            Files.deleteIfExists(options.out().resolve("pdfs-" + LATENCY + ".bin"));
        }
        report.put("finishedAt", Instant.now().toString());
        Path json = options.out().resolve("results.json");
        Path md = options.out().resolve("results.md");
        Files.writeString(json, Requests.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        Files.writeString(md, Report.markdown(report));
        say("wrote %s and %s", json, md);
        System.out.println();
        System.out.println(Report.markdown(report));
        return new Outcome(json, md, correct, report);
    }

    // --- phases ------------------------------------------------------------------------------

    private Map<String, Object> runPhase(String phase, List<PlannedLetter> plan, Senders.Kafka kafka, Map<String, Amounts> ledgerBefore)
            throws Exception {
        currentPhase = phase;
        currentSent = false;
        say("phase %s: %d letters %s", phase, plan.size(), switch (phase) {
            case KAFKA -> "on the departments' Kafka topics, as fast as the producer takes them";
            case REST -> "over REST, " + options.restClients() + " concurrent clients";
            default -> "on Kafka at " + options.latencyRate() + " letters/s";
        });
        long start = System.currentTimeMillis();
        Map<String, Proc.Usage> cpuBefore = sampler.usage();
        Map<String, DbStats.Db> dbBefore = databaseCounters();
        Senders.Result sent;
        Thread progress = progressPrinter(phase, plan.size());
        try (PdfStore.Reader pdfs = new PdfStore.Reader(options.out().resolve("pdfs-" + phase + ".bin"))) {
            sent = phase.equals(REST)
                    ? new Senders.Rest(system, options.restClients()).send(plan, pdfs, tracker)
                    : kafka.send(plan, pdfs, tracker, phase.equals(LATENCY) ? options.latencyRate() : 0);
        }
        currentSent = true;
        say("  %s: all %d requests handed over in %.1f s (%d failed)", phase, plan.size(), (sent.lastAt - sent.firstAt) / 1000.0,
                sent.failed.get());
        sent.firstErrors.forEach((k, v) -> say("    send error %s: %s", k, v));
        boolean finished = awaitFinished(phase, Duration.ofSeconds(options.phaseTimeoutSeconds()));
        long ledgerAt = awaitLedger(ledgerBefore, Duration.ofSeconds(120));
        long end = System.currentTimeMillis();
        Map<String, Proc.Usage> cpuAfter = sampler.usage();
        progress.interrupt();
        Map<String, Object> result = Report.phase(phase, tracker.view(phase), sent, finished, ledgerAt, start, end, cpuBefore, cpuAfter,
                idleCpuPerSecond, sampler.maxLag(start, end), phase.equals(LATENCY) ? options.latencyRate() : 0, sampler::usageAt);
        result.put("machine", sampler.machine(start, end, componentPids().keySet()));
        result.put("database", DbStats.perLetter(dbBefore, databaseCounters(), (int) result.get("accepted"), LocalSystem.SERVICES));
        say("  %s: %s", phase, Report.summaryLine(result));
        return result;
    }

    /** The machine's busy share (all CPUs) under which it counts as quiet for a start-up probe. */
    static final double QUIET_MACHINE = 0.25;

    /**
     * Waits, up to {@code max}, until the whole machine has been quiet ({@link #QUIET_MACHINE}) for two
     * seconds in a row: a service that has just become ready still compiles its hot code for several
     * seconds, and the next service timed alone must not share the CPUs with it. Returns the wait in ms.
     */
    static long awaitQuietMachine(Duration max) {
        long start = System.nanoTime();
        int quietSeconds = 0;
        long[] before = Proc.machineTicks();
        while (quietSeconds < 2 && System.nanoTime() - start < max.toNanos()) {
            LocalSystem.sleep(1000);
            long[] now = Proc.machineTicks();
            long total = now[1] - before[1];
            quietSeconds = total > 0 && (double) (now[0] - before[0]) / total <= QUIET_MACHINE ? quietSeconds + 1 : 0;
            before = now;
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private Map<String, DbStats.Db> databaseCounters() {
        return DbStats.take(system.port("postgres"), "postgres", "postgres");
    }

    /**
     * CPU each component uses while nothing is sent (timers, polls, the broker's housekeeping), per
     * second: phases report their CPU per letter also net of it. The JIT compiler threads are left out
     * (reported apart): right after start-up they are still compiling start-up's code, which is not
     * what the system costs at rest (bench/RESULTS.md §17).
     */
    private Map<String, Double> idleBaseline(Duration length) {
        if (length.isZero()) {
            return Map.of();
        }
        Map<String, Proc.Usage> before = sampler.usage();
        long start = System.currentTimeMillis();
        LocalSystem.sleep(length.toMillis());
        Map<String, Proc.Usage> after = sampler.usage();
        double secs = (System.currentTimeMillis() - start) / 1000.0;
        Map<String, Double> perSecond = new LinkedHashMap<>();
        Map<String, Object> idle = new LinkedHashMap<>();
        Map<String, Object> jit = new LinkedHashMap<>();
        after.forEach((name, u) -> {
            Proc.Usage b = before.get(name);
            if (b != null) {
                double compiling = Math.max(0, (u.jitSeconds() - b.jitSeconds()) / secs);
                double rate = Math.max(0, (u.cpuSeconds() - b.cpuSeconds()) / secs - compiling);
                perSecond.put(name, rate);
                idle.put(name, round(rate * 100));
                jit.put(name, round(compiling * 100));
            }
        });
        report.put("idleCpuPercentOfOneCore", idle);
        report.put("idleJitCompilerPercentOfOneCore", jit);
        say("idle baseline over %.0f s: %s (%% of one core, without the JIT compilers: %s)", secs, idle, jit);
        return perSecond;
    }

    private Thread progressPrinter(String phase, int total) {
        Thread t = new Thread(() -> {
            long start = System.currentTimeMillis();
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException e) {
                    return;
                }
                List<Tracker.View> v = tracker.view(phase);
                long sent = v.stream().filter(x -> x.sent().submittedAt != 0).count();
                long accepted = v.stream().filter(Tracker.View::accepted).count();
                long routed = v.stream().filter(x -> x.fate() != null && x.fate().routings > 0).count();
                long digital = v.stream().filter(x -> x.delivered("DIGITAL")).count();
                long paper = v.stream().filter(x -> x.delivered("PRINT")).count();
                long failed = v.stream().filter(Tracker.View::failed).count();
                long done = v.stream().filter(Tracker.View::finished).count();
                say("  [%4d s] %s: sent %d/%d, accepted %d, routed %d, digital %d, paper %d, failed %d, finished %d",
                        (System.currentTimeMillis() - start) / 1000, phase, sent, total, accepted, routed, digital, paper, failed, done);
            }
        }, "bench-progress");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private boolean awaitFinished(String phase, Duration timeout) {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (System.currentTimeMillis() < deadline) {
            if (tracker.failure() != null) {
                throw new IllegalStateException("the tracker stopped", tracker.failure());
            }
            List<Tracker.View> v = tracker.view(phase);
            if (v.stream().allMatch(x -> x.sent().sendFailed || x.finished())) {
                return true;
            }
            LocalSystem.sleep(500);
        }
        say("  %s: gave up waiting after %d s", phase, timeout.toSeconds());
        return false;
    }

    /** Waits until the ledger has booked every delivery seen so far; returns when (0 if it did not). */
    private long awaitLedger(Map<String, Amounts> before, Duration timeout) {
        long want = 0;
        for (Tracker.View v : tracker.view(null)) {
            if (v.fate() != null) {
                want += v.fate().delivered.size();
            }
        }
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (System.currentTimeMillis() < deadline) {
            long booked = 0;
            for (var e : ledgerTotals().entrySet()) {
                booked += e.getValue().letters() - before.getOrDefault(e.getKey(), Amounts.ZERO).letters();
            }
            if (booked >= want) {
                return System.currentTimeMillis();
            }
            LocalSystem.sleep(250);
        }
        return 0;
    }

    /** For the print operator: letters whose latest decision is PRINT and that the print centre did not fail. */
    private long printBound() {
        long n = 0;
        for (Tracker.View v : tracker.view(null)) {
            Tracker.Fate f = v.fate();
            if (f != null && "PRINT".equals(f.channel) && !(f.failureKind != null && f.failureKind.startsWith("PRINT/"))) {
                n++;
            }
        }
        return n;
    }

    /** For the print operator: the current phase has sent everything and every accepted letter is routed. */
    private boolean mayClose() {
        if (!currentSent || currentPhase == null) {
            return false;
        }
        for (Tracker.View v : tracker.view(currentPhase)) {
            if (v.sent().sendFailed || v.rejected()) {
                continue;
            }
            if (!v.accepted() || v.fate() == null || v.fate().routings == 0) {
                return false;
            }
        }
        return true;
    }

    /** Exempt citizens come from the registration feed (keyed hash, never the number), before any letter. */
    private void publishExemptions(Map<String, List<PlannedLetter>> plans) throws Exception {
        List<PlannedLetter> exempt = plans.values().stream().flatMap(List::stream)
                .filter(l -> l.valid() && l.kind() == dk.brevrute.demo.PlannedLetter.Kind.EXEMPT).toList();
        if (exempt.isEmpty()) {
            return;
        }
        CitizenKey keys = new CitizenKey(system.citizenKeySecret());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            Instant now = Instant.now();
            for (PlannedLetter l : exempt) {
                String key = keys.of(l.cpr());
                RegistrationChanged event = new RegistrationChanged(UUID.randomUUID(), now, key, RegistrationStatus.EXEMPT, null, now);
                producer.send(new ProducerRecord<>(Topics.REGISTRATIONS_CHANGED, key, Requests.JSON.writeValueAsString(event)));
            }
            producer.flush();
        }
        // Wait until routing-service has read them (its committed offsets reach the end), so the mix holds.
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            Long lag = sampler.lag().get("routing-service " + Topics.REGISTRATIONS_CHANGED);
            if (lag != null && lag == 0) {
                say("published %d EXEMPT registrations; routing-service has read them", exempt.size());
                return;
            }
            LocalSystem.sleep(500);
        }
        say("warning: routing-service has not read the %d EXEMPT registrations within 120 s", exempt.size());
    }

    // --- correctness -------------------------------------------------------------------------

    private Correctness.Verdict correctness(Map<String, Amounts> ledgerBefore, JsonNode simulatorBefore) throws Exception {
        List<Correctness.LetterResult> letters = new ArrayList<>();
        Map<String, Amounts> expected = new TreeMap<>();
        for (Tracker.View v : tracker.view(null)) {
            Tracker.Fate f = v.fate();
            Map<String, Integer> deliveries = new TreeMap<>();
            if (f != null) {
                f.delivered.forEach((channel, d) -> {
                    deliveries.put(channel, d.eventIds.size());
                    expected.merge(d.department + "/" + channel, new Amounts(1, nz(d.postage), nz(d.materialCost), nz(d.digitalFee)),
                            Amounts::plus);
                });
            }
            letters.add(new Correctness.LetterResult(v.sent().plan.senderReference(), v.sent().plan.expected(), v.accepted(), v.rejected(),
                    deliveries, v.failed(), f == null ? null : f.failureReason, f == null ? 0 : f.routings));
        }
        Map<String, Amounts> delta = new TreeMap<>();
        ledgerTotals().forEach((k, a) -> {
            Amounts d = a.minus(ledgerBefore.getOrDefault(k, Amounts.ZERO));
            if (!d.sameAs(Amounts.ZERO)) {
                delta.put(k, d);
            }
        });
        JsonNode after = getJson(system.url("sf1601-simulator") + "/admin/counters", null);
        JsonNode duplicates = getJson(system.url("sf1601-simulator") + "/admin/duplicates", null);
        Correctness.Simulator simulator = new Correctness.Simulator(
                after.path("mailboxPlacements").asLong() - simulatorBefore.path("mailboxPlacements").asLong(),
                after.path("lettersPlacedMoreThanOnce").asLong(), duplicates.isArray() ? duplicates.size() : 0);
        return Correctness.evaluate(letters, expected, delta, simulator, tracker.foreignDeliveries());
    }

    private static BigDecimal nz(BigDecimal d) {
        return d == null ? BigDecimal.ZERO : d;
    }

    /** "DEPT/CHANNEL" → booked letters and amounts, from the ledger's API (role finance). */
    private Map<String, Amounts> ledgerTotals() {
        Map<String, Amounts> result = new TreeMap<>();
        try {
            String token = system.tokens().issue("bench-finance", null, List.of("finance"));
            for (JsonNode row : getJson(system.url("savings-ledger") + "/api/v1/bookings/totals", token)) {
                result.put(row.path("department").asText() + "/" + row.path("channel").asText(),
                        new Amounts(row.path("letters").asLong(), row.path("postage").decimalValue(), row.path("materialCost").decimalValue(),
                                row.path("digitalFees").decimalValue()));
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not read the ledger's totals", e);
        }
        return result;
    }

    private JsonNode getJson(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + url + ": HTTP " + r.statusCode());
        }
        return Requests.JSON.readTree(r.body());
    }

    // --- processes ---------------------------------------------------------------------------

    /** component → PIDs (postgres: LocalInfra's JVM and the postmaster, counted with their children). */
    private Map<String, List<Long>> componentPids() {
        Map<String, List<Long>> result = new LinkedHashMap<>();
        for (String c : LocalSystem.COMPONENTS) {
            List<Long> pids = new ArrayList<>();
            system.pid(c).ifPresent(pids::add);
            if (c.equals("postgres")) {
                system.postmaster().ifPresent(pm -> {
                    if (!pids.contains(pm)) {
                        pids.add(pm);
                    }
                });
            }
            result.put(c, pids);
        }
        result.put("bench (load generator)", List.of(ProcessHandle.current().pid()));
        return result;
    }

    private void recordProcesses(Map<String, Object> processes) {
        Map<String, Proc.Usage> now = sampler.usage();
        Map<String, Long> peakPss = sampler.peakPss();
        componentPids().forEach((name, pids) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) processes.computeIfAbsent(name, k -> new LinkedHashMap<>());
            Proc.Usage u = now.get(name);
            if (u == null) {
                return;
            }
            p.put("pid", pids.isEmpty() ? -1 : pids.get(0));
            p.put("cpuSecondsSinceStart", round(u.cpuSeconds()));
            if (name.equals("postgres")) {
                p.put("processes", u.processes());
                p.put("peakPssMb", round(peakPss.getOrDefault(name, 0L) / 1024.0));
                p.put("rssMbSumNow", round(u.rssKb() / 1024.0));
            } else {
                p.put("peakRssMb", round(u.hwmKb() / 1024.0));
                p.put("rssMbNow", round(u.rssKb() / 1024.0));
                if (!pids.isEmpty()) {
                    p.put("maxHeap", maxHeap(pids.get(0)));
                }
            }
        });
    }

    /** The -Xmx the process was started with, from its command line. */
    static String maxHeap(long pid) {
        try {
            String cmd = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"));
            return Stream.of(cmd.split("\0")).filter(a -> a.startsWith("-Xmx")).map(a -> a.substring(4)).reduce((a, b) -> b).orElse("default");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private int partitions() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrap());
        try (Admin admin = Admin.create(p)) {
            return admin.describeTopics(List.of(Topics.LETTERS_SUBMITTED)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(Topics.LETTERS_SUBMITTED).partitions().size();
        }
    }

    private void copyLogs(Path data) {
        Path logs = data.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return;
        }
        try (Stream<Path> files = Files.list(logs)) {
            Path target = options.out().resolve("logs");
            Files.createDirectories(target);
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            say("could not copy the logs: %s", e);
        }
    }

    // --- report pieces -----------------------------------------------------------------------

    private Map<String, Object> runInfo() {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("id", runId);
        run.put("startedAt", Instant.now().toString());
        run.put("command", "bench/run " + String.join(" ", options.command()));
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("memTotalMb", memTotalMb());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        // Kafka, the services and the raw chain: bin/brevrute's Java (JAVA_HOME), which BENCH_JAVA_HOME can set apart.
        machine.put("systemJava", RawChain.describeJava(RawChain.javaBin()));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("loadAverageAtStart", loadAverage());
        run.put("machine", machine);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("kafkaLetters", options.letters());
        o.put("restLetters", options.restLetters());
        o.put("restClients", options.restClients());
        o.put("latencyRate", options.latencyRate());
        o.put("latencySeconds", options.latencySeconds());
        o.put("rawRecords", options.rawRecords());
        o.put("seed", options.seed());
        o.put("readyProbe", options.readyProbe());
        o.put("idleSeconds", options.idleSeconds());
        run.put("options", o);
        return run;
    }

    static long memTotalMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException e) {
            // unknown
        }
        return -1;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private Map<String, Object> sizeMap(Tracker.SizeSample s) {
        return Map.of("records", s.count, "meanValueBytes", round(s.meanValue()), "meanKeyBytes", round(s.meanKey()));
    }

    private Map<String, Object> verdictMap(Correctness.Verdict v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("passed", v.passed());
        m.put("lost", v.lost());
        m.put("deliveredTwice", v.deliveredTwice());
        m.put("unexpectedOutcomes", v.unexpectedOutcomes());
        m.put("ledgerExact", v.ledgerExact());
        List<Map<String, Object>> checks = new ArrayList<>();
        v.checks().forEach(c -> checks.add(Map.of("name", c.name(), "passed", c.passed(), "detail", c.detail())));
        m.put("checks", checks);
        return m;
    }

    private Map<String, Object> rawMap(RawChain.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("records", r.records());
        m.put("hops", r.hops());
        m.put("partitions", r.partitions());
        m.put("processes", r.stages().size());
        m.put("meanRecordBytesPerTopic", r.meanRecordBytes());
        m.put("seconds", round(r.seconds()));
        m.put("recordsPerSecond", Math.round(r.recordsPerSecond()));
        List<Map<String, Object>> stages = new ArrayList<>();
        for (RawChain.Stage s : r.stages()) {
            stages.add(Map.of("role", s.role(), "records", s.count(), "cpuSeconds", round(s.cpuSeconds()), "peakRssMb", round(s.hwmKb() / 1024.0)));
        }
        m.put("stages", stages);
        return m;
    }

    private Map<String, Object> samplesMap() {
        List<Sampler.Tick> ticks = sampler.allTicks();
        List<Map<String, Object>> cpu = new ArrayList<>();
        List<Map<String, Object>> lag = new ArrayList<>();
        Sampler.Tick prev = null;
        for (Sampler.Tick t : ticks) {
            if (prev != null) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("t", t.at());
                double secs = Math.max(0.001, (t.at() - prev.at()) / 1000.0);
                for (var e : t.usage().entrySet()) {
                    Proc.Usage before = prev.usage().get(e.getKey());
                    if (before != null) {
                        row.put(e.getKey(), round((e.getValue().cpuSeconds() - before.cpuSeconds()) / secs * 100));
                    }
                }
                cpu.add(row);
            }
            prev = t;
            if (!t.lag().isEmpty() || !t.gauges().isEmpty()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("t", t.at());
                t.lag().forEach((k, v) -> {
                    if (v > 0) {
                        row.put(k, v);
                    }
                });
                t.gauges().forEach(row::put);
                lag.add(row);
            }
        }
        return Map.of("cpuPercentPerSecond", cpu, "lagAndGauges", lag);
    }

    static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }

    static void say(String format, Object... args) {
        System.out.println(String.format(format, args));
        System.out.flush();
    }
}
