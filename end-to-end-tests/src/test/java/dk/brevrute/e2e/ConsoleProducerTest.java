package dk.brevrute.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dk.brevrute.events.Department;
import dk.brevrute.events.Topics;
import dk.brevrute.testinfra.KafkaTestClient;
import dk.brevrute.testinfra.SamplePdfs;
import org.junit.jupiter.api.Test;

/**
 * A departmental system that publishes with nothing but Kafka's own console producer (the
 * {@code ConsoleProducer} class of kafka-tools, which {@code kafka-console-producer.sh} and
 * {@code bin/brevrute console-producer} run): one line, {@code key|json}, on the department's
 * request topic. The letter is accepted and placed in the company's digital mailbox once.
 */
class ConsoleProducerTest {

    @Test
    void aLetterPublishedWithKafkasConsoleProducerIsDeliveredOnce() throws Exception {
        Cluster cluster = Cluster.shared();
        String reference = "console-" + UUID.randomUUID();
        Map<String, Object> request = Map.of(
                "eventId", UUID.randomUUID().toString(),
                "occurredAt", Instant.now().toString(),
                "senderReference", reference,
                "recipient", Map.of("type", "CVR", "cvr", "29403473"),
                "subject", "Kvittering for ansøgning om udeservering",
                "postageClass", "B",
                "document", Map.of("filename", "kvittering.pdf", "contentBase64", Base64.getEncoder().encodeToString(SamplePdfs.letter(1))));
        String line = "TMF:" + reference + "|" + KafkaTestClient.json(request) + "\n";
        Department tmf = Department.defaults().stream().filter(d -> d.id().equals("TMF")).findFirst().orElseThrow();

        Path log = Path.of("target", "e2e-logs", "console-producer.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        Process producer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.ConsoleProducer",
                "--bootstrap-server", cluster.infra().bootstrapServers(),
                "--topic", Topics.lettersRequested(tmf),
                "--property", "parse.key=true", "--property", "key.separator=|",
                "--producer-property", "acks=all")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (OutputStream in = producer.getOutputStream()) {
            in.write(line.getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(producer.waitFor(60, TimeUnit.SECONDS), "the console producer exits at the end of its input");
        assertEquals(0, producer.exitValue(), () -> "console producer failed: " + read(log));

        Audit.Report report = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            report = Audit.of(cluster, "console producer", reference, Duration.ZERO);
            if (report.digital() == 1) {
                break;
            }
            Thread.sleep(1000);
        }
        System.out.println(report.table());
        assertEquals(1, report.accepted(), "accepted from the console producer's record");
        assertEquals(1, report.digital(), "placed in the company's digital mailbox");
        assertEquals(List.of(), report.twice());
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
