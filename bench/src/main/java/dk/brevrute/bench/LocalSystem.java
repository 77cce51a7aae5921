package dk.brevrute.bench;

import dk.brevrute.testinfra.Ports;
import dk.brevrute.testinfra.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole system as {@code bin/brevrute} runs it (Kafka and PostgreSQL from LocalInfra, the five
 * services and the simulator from their packaged jars with {@code -Xmx256m}), in the bench's own data
 * folder on free ports, through {@code bench/lib/system.sh}. While {@code up} runs, a watcher polls
 * every service's readiness every 100 ms to time each one from its process start.
 */
final class LocalSystem {

    static final List<String> SERVICES = List.of("letter-intake", "routing-service", "eboks-gateway", "print-center-service",
            "savings-ledger", "sf1601-simulator");
    static final List<String> COMPONENTS = List.of("kafka", "postgres", "letter-intake", "routing-service", "eboks-gateway",
            "print-center-service", "savings-ledger", "sf1601-simulator");
    private static final Pattern STARTED_IN = Pattern.compile("started in ([0-9.]+)s");

    /** When a service became ready: its process start, first UP answer, and what Quarkus logged. */
    record Readiness(long pid, long processStartedAt, long readyAt, Double quarkusStartedInSeconds) {
        long readyMillis() {
            return readyAt <= 0 || processStartedAt <= 0 ? -1 : readyAt - processStartedAt;
        }
    }

    private final Path repo;
    private final Path data;
    private final String infraClasspath;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final String citizenKeySecret;
    private final Integer partitions;
    private final Path upLog;
    private final Path apps;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Tokens tokens;

    LocalSystem(Path repo, Path data, String infraClasspath, String citizenKeySecret, Integer partitions) {
        this.repo = repo;
        this.data = data;
        this.infraClasspath = infraClasspath;
        this.citizenKeySecret = citizenKeySecret;
        this.partitions = partitions;
        this.upLog = data.resolveSibling(data.getFileName() + "-system.log");
        this.apps = data.resolveSibling(data.getFileName() + "-apps");
        for (String c : COMPONENTS) {
            ports.put(c, Ports.free());
        }
    }

    Path data() {
        return data;
    }

    Path upLog() {
        return upLog;
    }

    int port(String component) {
        return ports.get(component);
    }

    String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    String bootstrap() {
        return "127.0.0.1:" + ports.get("kafka");
    }

    String citizenKeySecret() {
        return citizenKeySecret;
    }

    synchronized Tokens tokens() {
        if (tokens == null) {
            tokens = Tokens.in(data.resolve("keys"));
        }
        return tokens;
    }

    /**
     * Copies every service's packaged {@code target/quarkus-app} (others may rebuild a module while a
     * run goes on); returns each one's build time (its quarkus-run.jar's modification time).
     */
    Map<String, String> snapshotApps() {
        Map<String, String> built = new LinkedHashMap<>();
        for (String s : SERVICES) {
            Path from = repo.resolve(s).resolve("target/quarkus-app");
            if (!Files.exists(from.resolve("quarkus-run.jar"))) {
                throw new IllegalStateException(from.resolve("quarkus-run.jar") + " is missing: package the services first "
                        + "(a whole ./mvnw verify, or ./mvnw -DskipTests package)");
            }
            Path to = apps.resolve(s).resolve("quarkus-app");
            try {
                deleteTree(to);
                try (var walk = Files.walk(from)) {
                    for (Path p : walk.toList()) {
                        Path target = to.resolve(from.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(target);
                        } else {
                            Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                        }
                    }
                }
                built.put(s, Files.getLastModifiedTime(from.resolve("quarkus-run.jar")).toInstant().toString());
            } catch (IOException e) {
                throw new UncheckedIOException("could not copy " + from, e);
            }
        }
        return built;
    }

    void deleteApps() {
        try {
            deleteTree(apps);
        } catch (IOException e) {
            // best effort: it is under the results folder
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Runs {@code up --no-demo}; returns each service's readiness as the watcher saw it. */
    Map<String, Readiness> up(Duration timeout) {
        Map<String, Long> readyAt = new ConcurrentHashMap<>();
        Thread watcher = new Thread(() -> watchReadiness(readyAt, SERVICES), "bench-ready-watch");
        watcher.setDaemon(true);
        watcher.start();
        try {
            script(timeout, "up", "--no-demo", "--data", data.toString());
        } finally {
            stopWatching(watcher);
        }
        Map<String, Readiness> result = new LinkedHashMap<>();
        for (String s : SERVICES) {
            long pid = pid(s).orElse(-1);
            result.put(s, new Readiness(pid, pid > 0 ? Proc.startedAtMillis(pid) : -1, readyAt.getOrDefault(s, -1L), quarkusStartedIn(s)));
        }
        return result;
    }

    /**
     * Stops one service (SIGTERM to its process, which the bench started), starts it again with
     * {@code up} while everything else runs, and times its readiness: start-up on an idle machine.
     */
    Readiness restartAlone(String service, Duration timeout) {
        long old = pid(service).orElseThrow(() -> new IllegalStateException(service + " is not running"));
        ProcessHandle.of(old).ifPresent(ProcessHandle::destroy);
        // A service recording its start-up cache (bin/brevrute's startup_cache_opts) writes it as it exits.
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        while (Proc.alive(old) && System.nanoTime() < deadline) {
            sleep(100);
        }
        if (Proc.alive(old)) {
            ProcessHandle.of(old).ifPresent(ProcessHandle::destroyForcibly);
            sleep(500);
        }
        Map<String, Long> readyAt = new ConcurrentHashMap<>();
        Thread watcher = new Thread(() -> watchReadiness(readyAt, List.of(service)), "bench-ready-watch");
        watcher.setDaemon(true);
        watcher.start();
        try {
            script(timeout, "up", "--no-demo", "--data", data.toString());
        } finally {
            stopWatching(watcher);
        }
        long pid = pid(service).orElse(-1);
        return new Readiness(pid, pid > 0 ? Proc.startedAtMillis(pid) : -1, readyAt.getOrDefault(service, -1L), quarkusStartedIn(service));
    }

    /** Stops everything; {@code clean} also deletes the data folder. */
    void down(boolean clean) {
        List<String> args = new ArrayList<>(List.of("down", "--data", data.toString()));
        if (clean) {
            args.add("--clean");
        }
        script(Duration.ofMinutes(3), args.toArray(String[]::new));
    }

    /** The PID of a running component of this data folder, from bin/brevrute's PID file. */
    OptionalLong pid(String component) {
        Path file = data.resolve("pids").resolve(component + ".pid");
        try {
            if (!Files.exists(file)) {
                return OptionalLong.empty();
            }
            long pid = Long.parseLong(Files.readString(file).strip());
            return Proc.alive(pid) ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The postmaster, from PostgreSQL's own PID file in the data folder. */
    OptionalLong postmaster() {
        try {
            Path file = data.resolve("postgres").resolve("postmaster.pid");
            long pid = Long.parseLong(Files.readAllLines(file).get(0).strip());
            return Proc.alive(pid) ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    Double quarkusStartedIn(String service) {
        Path log = data.resolve("logs").resolve(service + ".log");
        try {
            if (!Files.exists(log)) {
                return null;
            }
            Double last = null;
            for (String line : Files.readAllLines(log)) {
                Matcher m = STARTED_IN.matcher(line);
                if (m.find()) {
                    last = Double.parseDouble(m.group(1));
                }
            }
            return last;
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    /** Lets the watcher see the last services become ready (up returns as soon as it has seen them), then stops it. */
    private static void stopWatching(Thread watcher) {
        try {
            watcher.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watcher.interrupt();
    }

    private void watchReadiness(Map<String, Long> readyAt, List<String> services) {
        while (!Thread.currentThread().isInterrupted() && readyAt.size() < services.size()) {
            for (String s : services) {
                if (!readyAt.containsKey(s) && ready(s)) {
                    readyAt.put(s, System.currentTimeMillis());
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    boolean ready(String service) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url(service) + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void script(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", repo.resolve("bench/lib/system.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(upLog.toFile()));
        Map<String, String> env = pb.environment();
        env.put("BENCH_INFRA_CLASSPATH", infraClasspath);
        env.put("BENCH_APPS", apps.toString());
        env.put("BREVRUTE_KAFKA_PORT", String.valueOf(ports.get("kafka")));
        env.put("BREVRUTE_PG_PORT", String.valueOf(ports.get("postgres")));
        for (String s : SERVICES) {
            env.put("BREVRUTE_" + s.toUpperCase().replace('-', '_') + "_PORT", String.valueOf(ports.get(s)));
        }
        env.put("BREVRUTE_TIMEOUT", String.valueOf(Math.max(60, timeout.toSeconds())));
        env.put("ROUTING_CITIZEN_KEY_SECRET", citizenKeySecret);
        // The bench is the print centre's operator; the simulation would move batches too, 30 s per step.
        env.put("PRINT_SIMULATION_ENABLED", "false");
        if (partitions != null) {
            env.put("BREVRUTE_KAFKA_PARTITIONS", String.valueOf(partitions));
        }
        env.remove("BREVRUTE_HOME");
        env.remove("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        try {
            Files.createDirectories(upLog.getParent());
            Process p = pb.start();
            if (!p.waitFor(timeout.toSeconds() + 120, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("bin/brevrute " + args[0] + " did not finish; see " + upLog);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("bin/brevrute " + args[0] + " failed (exit " + p.exitValue() + "); see " + upLog);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
