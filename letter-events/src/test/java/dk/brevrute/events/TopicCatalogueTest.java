package dk.brevrute.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dk.brevrute.events.TopicConfigScanner.Scan;
import dk.brevrute.events.TopicConfigScanner.TopicUse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every topic a service binds in its configuration is in the catalogue of {@link Topics}. */
class TopicCatalogueTest {

    private final List<Department> departments = Department.defaults();

    @Test
    void everyServiceBindsOnlyCataloguedTopics() {
        Path root = TopicConfigScanner.projectRoot();
        Scan scan = TopicConfigScanner.scan(root, TopicConfigScanner.SERVICE_MODULES);
        // The services are written alongside this module; until one exists there is nothing to check.
        Assumptions.assumeFalse(scan.modules().isEmpty(), "no service module under " + root + " yet");

        assertFalse(scan.files().isEmpty(), "service modules " + scan.modules() + " have no " + TopicConfigScanner.PROPERTIES);
        assertEquals(List.of(), scan.uncatalogued(departments), "topics missing from Topics.catalogue()");
    }

    @Test
    void theCheckFailsOnAnUncataloguedTopic(@TempDir Path root) throws IOException {
        write(root, "letter-intake", """
                quarkus.application.name=letter-intake
                mp.messaging.incoming.requests.connector=smallrye-kafka
                mp.messaging.incoming.requests.pattern=true
                mp.messaging.incoming.requests.topic=letters\\\\.requested\\\\.[a-z0-9-]+\\\\.v1
                mp.messaging.incoming.requests.failure-strategy=dead-letter-queue
                mp.messaging.incoming.requests.dead-letter-queue.topic=letters.requested.v1.letter-intake.dlq
                mp.messaging.outgoing.submitted.topic=${brevrute.topic.submitted:letters.submitted.v1}
                mp.messaging.incoming.outcomes.topics=letters.delivered.v1, letters.read.v1,\\
                    letters.returned.v1
                %test.mp.messaging.outgoing.rejected.topic=letters_rejected.v1
                """);
        write(root, "routing-service", """
                mp.messaging.incoming.submitted.connector=smallrye-kafka
                mp.messaging.incoming.submitted.topic=letters.submitted.v1
                mp.messaging.incoming.submitted.failure-strategy=dead-letter-queue
                mp.messaging.outgoing.routed.connector=smallrye-kafka
                """);
        Files.createDirectories(root.resolve("eboks-gateway"));

        Scan scan = TopicConfigScanner.scan(root, TopicConfigScanner.SERVICE_MODULES);

        assertEquals(3, scan.modules().size());
        assertEquals(2, scan.files().size());
        assertEquals(sorted(List.of("letters_rejected.v1", "letters.delivered.v1", "letters.read.v1",
                        "letters.returned.v1", "letters.requested.v1.letter-intake.dlq", Topics.LETTERS_REQUESTED_PATTERN,
                        "letters.submitted.v1", "letters.submitted.v1", "dead-letter-topic-submitted", "routed")),
                sorted(topicsOf(scan.topics())));
        assertEquals(sorted(List.of("letters_rejected.v1", "dead-letter-topic-submitted", "routed")),
                sorted(topicsOf(scan.uncatalogued(departments))));
    }

    @Test
    void anUnresolvableExpressionIsNotCatalogued(@TempDir Path root) throws IOException {
        write(root, "savings-ledger", "mp.messaging.incoming.delivered.topic=${delivered.topic}\n");

        Scan scan = TopicConfigScanner.scan(root, TopicConfigScanner.SERVICE_MODULES);

        assertEquals(List.of("${delivered.topic}"), topicsOf(scan.uncatalogued(departments)));
    }

    private static List<String> topicsOf(List<TopicUse> uses) {
        return uses.stream().map(TopicUse::topic).toList();
    }

    private static List<String> sorted(List<String> topics) {
        return topics.stream().sorted().toList();
    }

    private static void write(Path root, String module, String properties) throws IOException {
        Path file = root.resolve(module).resolve(TopicConfigScanner.PROPERTIES);
        Files.createDirectories(file.getParent());
        Files.writeString(file, properties, StandardCharsets.UTF_8);
    }
}
