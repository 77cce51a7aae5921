package dk.brevrute.testinfra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;

/**
 * A real Apache Kafka broker (KRaft, broker and controller in one node) running in this JVM. Used
 * by the tests (free ports, a temporary folder) and by the local run (fixed port, a data folder
 * that survives restarts).
 */
public final class KafkaBroker implements AutoCloseable {

    /** Fixed cluster id so a data folder formatted once is reused on the next start. */
    static final String CLUSTER_ID = "YnJldnJ1dGUtY2x1c3Rlcg";

    private final Properties props;
    private final int port;
    private KafkaRaftServer server;

    private KafkaBroker(Properties props, int port) {
        this.props = props;
        this.port = port;
        this.server = newServer(props);
    }

    private static KafkaRaftServer newServer(Properties props) {
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return server;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /**
     * Formats {@code dataDir} if needed and starts the broker on {@code port} (0 for a free one).
     * Returns once the broker accepts connections.
     */
    public static KafkaBroker start(Path dataDir, int port) {
        int brokerPort = port == 0 ? Ports.free() : port;
        int controllerPort = Ports.free();
        try {
            Files.createDirectories(dataDir);
            Path logDir = dataDir.resolve("kraft-logs");
            Properties props = brokerProperties(logDir, brokerPort, controllerPort);
            format(dataDir, props);
            return new KafkaBroker(props, brokerPort);
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka broker could not start in " + dataDir, e);
        }
    }

    static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toAbsolutePath().toString());
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "5");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("num.partitions", "3");
        // Topics come from the catalogue; a typo in a topic name fails instead of creating a new topic.
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "4");
        p.setProperty("message.max.bytes", String.valueOf(8 * 1024 * 1024));
        return p;
    }

    private static void format(Path dataDir, Properties props) throws IOException {
        Path configFile = dataDir.resolve("server.properties");
        try (Writer w = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
            props.store(w, "written by Brevrute's KafkaBroker");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = StorageTool.execute(new String[] {
                "format", "-t", CLUSTER_ID, "-c", configFile.toString(), "--ignore-formatted"
        }, new PrintStream(out, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IOException("kafka-storage format failed (" + rc + "): " + out.toString(StandardCharsets.UTF_8));
        }
    }

    /**
     * Stops the broker (as an orderly shutdown of the only broker: clients lose it) and starts it again
     * after {@code down}, on the same ports and data, so producers and consumers reconnect to it.
     */
    public synchronized void restart(java.time.Duration down) {
        close();
        try {
            Thread.sleep(down.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = newServer(props);
    }

    @Override
    public synchronized void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
