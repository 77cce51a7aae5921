package dk.brevrute.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.brevrute.events.Topics.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TopicsTest {

    private static final Pattern NAMING_RULE = Pattern.compile("^[a-z0-9-]+(\\.[a-z0-9-]+)*\\.v[0-9]+(\\.[a-z0-9-]+\\.dlq)?$");
    /** Room for everything in a letter-requested record besides the document: fields, key, headers, batch overhead. */
    private static final int METADATA_ALLOWANCE = 64 * 1024;

    private final List<Department> departments = Department.defaults();
    private final List<TopicSpec> catalogue = Topics.catalogue(departments);

    @Test
    void everyNameFollowsTheNamingRule() {
        for (TopicSpec topic : catalogue) {
            assertTrue(NAMING_RULE.matcher(topic.name()).matches(), topic.name());
            assertFalse(topic.name().contains("_"), topic.name() + ": '.' and '_' collide in Kafka metric names");
        }
    }

    @Test
    void namesAreUnique() {
        Set<String> seen = new HashSet<>();
        for (TopicSpec topic : catalogue) {
            assertTrue(seen.add(topic.name()), "duplicate " + topic.name());
        }
    }

    @Test
    void defaultsAreCopenhagensSevenDepartments() {
        assertEquals(List.of("OKF", "KFF", "BUF", "SUF", "SOF", "TMF", "BIF"),
                departments.stream().map(Department::id).toList());
        assertEquals("ØKF", departments.get(0).code());
        assertEquals("Børne- og Ungdomsforvaltningen", departments.get(2).name());
    }

    @Test
    void departmentOfRequestTopicRoundTrips() {
        for (Department d : departments) {
            assertEquals(Optional.of(d), Topics.departmentOfRequestTopic(Topics.lettersRequested(d), departments));
            assertEquals(Optional.empty(), Topics.departmentOfRequestTopic(Topics.lettersStatusChanged(d), departments));
        }
        assertEquals(Optional.empty(), Topics.departmentOfRequestTopic("letters.requested.xyz.v1", departments));
    }

    @Test
    void requestTopicsFitTheLargestInlineDocument() {
        int base64 = 4 * ((Topics.DEFAULT_INLINE_DOCUMENT_LIMIT + 2) / 3);
        List<TopicSpec> requestTopics = catalogue.stream()
                .filter(t -> t.payload() == LetterRequested.class
                        || t.name().startsWith(Topics.LETTERS_REQUESTED_FAMILY + "."))
                .toList();

        assertEquals(departments.size() + 1, requestTopics.size(), "one per department plus the dead-letter topic");
        for (TopicSpec topic : requestTopics) {
            assertTrue(topic.maxMessageBytes() >= base64 + METADATA_ALLOWANCE,
                    topic.name() + ": " + topic.maxMessageBytes() + " < " + (base64 + METADATA_ALLOWANCE));
        }
    }

    @Test
    void metadataAllowanceCoversARealRequest() {
        String example = Schemas.exampleJson(LetterRequested.class)
                .replaceAll("\"contentBase64\"\\s*:\\s*\"[^\"]*\"", "\"contentBase64\": \"\"");
        assertTrue(example.getBytes(StandardCharsets.UTF_8).length * 8 < METADATA_ALLOWANCE);
    }

    @Test
    void subscriptionPatternsMatchOneTopicPerDepartment() {
        for (String pattern : List.of(Topics.LETTERS_REQUESTED_PATTERN, Topics.LETTERS_STATUS_CHANGED_PATTERN)) {
            assertTrue(Topics.isCatalogued(pattern, departments), pattern);
            assertEquals(departments.size(), Topics.matching(pattern, departments).size(), pattern);
        }
    }

    @Test
    void isCataloguedKnowsEveryTopicAndNothingElse() {
        catalogue.forEach(t -> assertTrue(Topics.isCatalogued(t.name(), departments), t.name()));
        Topics.consumers().forEach(c -> assertTrue(Topics.isCatalogued(c.deadLetterTopic(), departments), c.toString()));
        for (String stranger : List.of("letters.submitted.v2", "letters_submitted.v1", "letters.requested.xyz.v1",
                "dead-letter-topic-submitted", "letters.submitted.v1.unknown-app.dlq", "letters\\..*")) {
            assertFalse(Topics.isCatalogued(stranger, departments), stranger);
        }
    }

    @Test
    void everyEventTopicHasASchema() {
        for (TopicSpec topic : catalogue) {
            if (EventTypes.isEvent(topic.payload())) {
                assertTrue(Schemas.hasSchema(topic.payload()), topic.name());
            } else {
                assertTrue(topic.name().endsWith(".dlq"), topic.name() + " carries raw bytes but is no dead-letter topic");
            }
        }
        Set<Class<?>> published = new HashSet<>(catalogue.stream().map(TopicSpec::payload).toList());
        EventTypes.all().forEach(type -> assertTrue(published.contains(type), type.getSimpleName() + " has no topic"));
    }

    @Test
    void keysNeverCarryCprNumbers() {
        for (TopicSpec topic : catalogue) {
            assertFalse(topic.key().toLowerCase().contains("cpr"), topic.name() + " key " + topic.key());
        }
    }

    @Test
    void topicsWithCprNumbersAreMarkedAndKeepThemBriefly() {
        long week = 7L * 24 * 60 * 60 * 1000;
        for (TopicSpec topic : catalogue) {
            if (contains(topic.payload(), Recipient.class)) {
                assertTrue(topic.carriesCpr(), topic.name() + " carries a Recipient");
            }
            if (topic.carriesCpr()) {
                assertFalse(topic.compacted(), topic.name());
                assertTrue(topic.retentionMs() > 0 && topic.retentionMs() <= week, topic.name());
            }
        }
    }

    /** Whether a record holds a {@code part}, directly or inside a nested record. */
    private static boolean contains(Class<?> type, Class<?> part) {
        return type == part || type.isRecord() && Arrays.stream(type.getRecordComponents())
                .anyMatch(c -> contains(c.getType(), part));
    }

    @Test
    void compactedTopicsKeepRecordsForever() {
        catalogue.stream().filter(TopicSpec::compacted)
                .forEach(t -> assertEquals(-1, t.retentionMs(), t.name()));
    }
}
