package dk.brevrute.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dk.brevrute.testinfra.BrevruteInfrastructure;
import dk.brevrute.testinfra.Ports;

/**
 * Brevrute's services from their packaged jars, each its own OS process, over the test JVM's real
 * Kafka broker and PostgreSQL server (one database per service), wired as bin/brevrute wires them.
 * Processes can be killed with SIGKILL and started again on the same port and database; the broker
 * and PostgreSQL can be restarted under them ({@code BrevruteInfrastructure.restartKafka} and
 * {@code restartPostgres}). The whole system is started once per test JVM ({@link #shared()}).
 */
final class Cluster implements AutoCloseable {

    static final String SF1601_TOKEN = "e2e-sf1601-token";
    static final String CITIZEN_KEY_SECRET = "e2e-citizen-key-secret-0123456789";
    static final List<String> ALL = List.of("sf1601-simulator", "letter-intake", "routing-service", "eboks-gateway",
            "print-center-service", "savings-ledger");
    static final List<String> SERVICES = ALL.subList(1, ALL.size());

    private static Cluster shared;

    /** Every service and the simulator, started on first use and stopped when the test JVM exits. */
    static synchronized Cluster shared() {
        if (shared == null) {
            Cluster cluster = new Cluster(ALL);
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "e2e-cluster-stop"));
            cluster.startAll();
            shared = cluster;
        }
        return shared;
    }

    record Service(String name, String database, int port) {
    }

    private final Path root;
    private final BrevruteInfrastructure.Endpoints infra;
    private final Path logs;
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Cluster(List<String> names) {
        root = Paths.get(System.getProperty("brevrute.project.root", "..")).toAbsolutePath().normalize();
        infra = BrevruteInfrastructure.start();
        logs = Paths.get("target", "e2e-logs").toAbsolutePath();
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String name : names) {
            String db = name.equals("sf1601-simulator") ? null : name.replace('-', '_');
            services.put(name, new Service(name, db, Ports.free()));
        }
        createDatabases();
    }

    private void createDatabases() {
        String admin = infra.jdbcUrl().substring(0, infra.jdbcUrl().lastIndexOf('/')) + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, infra.username(), infra.password()); Statement st = c.createStatement()) {
            for (Service s : services.values()) {
                if (s.database() != null) {
                    st.execute("DROP DATABASE IF EXISTS " + s.database());
                    st.execute("CREATE DATABASE " + s.database());
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create the services' databases", e);
        }
    }

    String url(String name) {
        return "http://127.0.0.1:" + services.get(name).port();
    }

    int port(String name) {
        return services.get(name).port();
    }

    BrevruteInfrastructure.Endpoints infra() {
        return infra;
    }

    /** Where the demo finds the token issuer's keys ({@code keys/}) and the citizen-key secret ({@code secrets/}). */
    Path demoData() {
        Path data = BrevruteInfrastructure.tokens().publicKeyFile().getParent().getParent();
        try {
            Files.createDirectories(data.resolve("secrets"));
            Files.writeString(data.resolve("secrets/routing-citizen-key-secret"), CITIZEN_KEY_SECRET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return data;
    }

    String serviceToken(String subject) {
        return BrevruteInfrastructure.tokens().issue(subject, null, List.of("service"));
    }

    void startAll() {
        services.keySet().forEach(this::start);
        services.keySet().forEach(this::awaitReady);
    }

    /**
     * A second replica of each of {@code names}, as Kubernetes adds one: the same jar, configuration
     * and database, its own port; named {@code <service>#2}. Peers' URLs keep pointing at the first.
     */
    List<String> startSecondReplicas(List<String> names) {
        List<String> replicas = names.stream().map(n -> n + "#2").toList();
        for (String replica : replicas) {
            Service first = services.get(service(replica));
            services.put(replica, new Service(replica, first.database(), Ports.free()));
            start(replica);
        }
        replicas.forEach(this::awaitReady);
        return replicas;
    }

    /** The service a process name belongs to: {@code routing-service#2} is a replica of {@code routing-service}. */
    static String service(String name) {
        int hash = name.indexOf('#');
        return hash < 0 ? name : name.substring(0, hash);
    }

    /** kill -9 and start again, ready. */
    void killAndRestart(String name) {
        kill(name);
        start(name);
        awaitReady(name);
    }

    void start(String name) {
        Service s = services.get(name);
        // -Dbrevrute.e2e.apps=DIR runs the jars of another checkout's build (DIR/<module>/target/quarkus-app).
        Path apps = Paths.get(System.getProperty("brevrute.e2e.apps", root.toString()));
        Path jar = apps.resolve(service(name)).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the whole build (./mvnw verify) so the services are packaged first");
        }
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString());
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(s.port()));
        env.put("KAFKA_BOOTSTRAP_SERVERS", infra.bootstrapServers());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", BrevruteInfrastructure.tokens().publicKeyFile().toUri().toString());
        if (s.database() != null) {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", infra.jdbcUrl().substring(0, infra.jdbcUrl().lastIndexOf('/') + 1) + s.database());
            env.put("QUARKUS_DATASOURCE_USERNAME", infra.username());
            env.put("QUARKUS_DATASOURCE_PASSWORD", infra.password());
        }
        String simulator = services.containsKey("sf1601-simulator") ? url("sf1601-simulator") : "http://127.0.0.1:1";
        switch (service(name)) {
            case "routing-service" -> {
                env.put("ROUTING_CITIZEN_KEY_SECRET", CITIZEN_KEY_SECRET);
                env.put("QUARKUS_REST_CLIENT_SF1601_URL", simulator);
                env.put("ROUTING_LOOKUP_TOKEN", SF1601_TOKEN);
            }
            case "eboks-gateway" -> {
                env.put("GATEWAY_SF1601_URL", simulator);
                env.put("GATEWAY_SF1601_TOKEN", SF1601_TOKEN);
                env.put("GATEWAY_DOCUMENTS_URL", url("letter-intake"));
                env.put("GATEWAY_DOCUMENTS_TOKEN", serviceToken("eboks-gateway"));
                // A killed replica's claimed letters are taken over after this lease.
                env.put("GATEWAY_DELIVERY_LEASE", "PT5S");
                // Retries back off to at most 10 s, so a mailing drains soon after an outage ends.
                env.put("GATEWAY_DELIVERY_RETRY_MAX", "PT10S");
            }
            case "print-center-service" -> {
                env.put("PRINT_DOCUMENTS_URL", url("letter-intake"));
                env.put("PRINT_DOCUMENTS_TOKEN", serviceToken("print-center-service"));
                env.put("PRINT_ROUTING_URL", url("routing-service"));
                env.put("PRINT_ROUTING_TOKEN", serviceToken("print-center-service"));
                env.put("PRINT_CPR_REGISTER_URL", simulator);
                env.put("PRINT_CPR_REGISTER_TOKEN", SF1601_TOKEN);
                env.put("PRINT_CITIZEN_KEY_SECRET", CITIZEN_KEY_SECRET);
                // The print centre's timers and simulated people at a test's pace (production: 2-10 s, 30 s a step).
                env.put("PRINT_PREPARE_EVERY", "1s");
                // A letter whose preparation died with its process or database is claimed again after this lease
                // (production: 5 min), so a crash mid-preparation does not hold a scenario up for minutes.
                env.put("PRINT_PREPARE_LEASE", "PT30S");
                env.put("PRINT_BATCH_EVERY", "2s");
                // A batch whose closing or rendering died with its replica is taken over after this (production: PT1M).
                env.put("PRINT_BATCH_CLAIM_LEASE", "PT10S");
                env.put("PRINT_SIMULATION_ENABLED", "true");
                env.put("PRINT_SIMULATION_EVERY", "1s");
                env.put("PRINT_SIMULATION_STEP_DELAY", "PT2S");
                env.put("PRINT_SPOOL", logs.resolveSibling("e2e-print-spool").toString());
            }
            case "sf1601-simulator" -> {
                env.put("SIMULATOR_AUTH_TOKEN", SF1601_TOKEN);
                env.put("SIMULATOR_RECEIPTS_CALLBACK_URL", url("eboks-gateway") + "/api/v1/sf1601/post-status");
                env.put("SIMULATOR_RECEIPTS_TOKEN", serviceToken("sf1601-simulator"));
            }
            default -> {
            }
        }
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()));
        try {
            processes.put(name, pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    void awaitReady(String name) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!processes.get(name).isAlive()) {
                throw new IllegalStateException(name + " exited with " + processes.get(name).exitValue() + "; see " + logs.resolve(name + ".log"));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url(name) + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(300);
        }
        throw new IllegalStateException(name + " not ready within 120 s; see " + logs.resolve(name + ".log"));
    }

    /** Lines of a process's log that contain {@code text}. */
    long logLines(String name, String text) {
        try (var lines = Files.lines(logs.resolve(name + ".log"))) {
            return lines.filter(l -> l.contains(text)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** kill -9: no shutdown hook, no graceful close. */
    void kill(String name) {
        Process p = processes.get(name);
        p.destroyForcibly();
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    HttpResponse<String> get(String name, String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(url(name) + path)).GET(), token);
    }

    HttpResponse<String> send(String name, String method, String path, String token, String json) {
        return send(HttpRequest.newBuilder(URI.create(url(name) + path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)), token);
    }

    /** Sends; a 429 is answered as a well-behaved client does: again after its Retry-After (a few times). */
    private HttpResponse<String> send(HttpRequest.Builder b, String token) {
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpRequest request = b.timeout(Duration.ofSeconds(30)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            for (int attempt = 1; response.statusCode() == 429 && attempt <= 20; attempt++) {
                long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
                Thread.sleep(Math.max(100, Math.min(seconds, 10) * 1000));
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        processes.values().forEach(p -> {
            p.destroy();
        });
        processes.values().forEach(p -> {
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
