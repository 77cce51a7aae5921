package dk.brevrute.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden examples, invalid examples and Java records all agree with the JSON Schemas. */
class ContractTest {

    private static final ObjectMapper EVENTS = EventJson.newMapper();
    // Compares trees number-by-value, so 13.2 in a document equals 13.20 from a BigDecimal.
    private static final ObjectMapper TREES = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Comparator<JsonNode> NUMERIC_AWARE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    static List<Class<?>> eventTypes() {
        return EventTypes.all();
    }

    static List<String> invalidExamples() {
        return fileNames("/invalid", ".json");
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void goldenExampleMatchesItsSchema(Class<?> type) {
        assertEquals(List.of(), Schemas.validate(type, Schemas.exampleJson(type)));
    }

    @ParameterizedTest
    @MethodSource("invalidExamples")
    void invalidExampleIsRejected(String file) throws IOException {
        Class<?> type = EventTypes.byName(file.substring(0, file.indexOf('.')));
        String json = resource("/invalid/" + file);

        List<String> errors = Schemas.validate(type, json);

        assertFalse(errors.isEmpty(), file + " should break " + type.getSimpleName() + ".schema.json");
        String label = file.substring(file.indexOf('.') + 1, file.length() - ".json".length());
        if (label.startsWith("missing-")) {
            // Fails for the stated reason, not for some unrelated drift in the file.
            String field = label.substring("missing-".length()).split("-")[0];
            assertTrue(errors.stream().anyMatch(e -> e.contains("required property '" + field + "' not found")),
                    file + ": " + errors);
        }
    }

    @Test
    void everySchemaHasAnInvalidExampleMissingARequiredField() {
        Set<String> covered = invalidExamples().stream()
                .filter(f -> f.contains(".missing-"))
                .map(f -> f.substring(0, f.indexOf('.')))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(names(eventTypes()), covered);
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void javaRecordWithEveryFieldMatchesItsSchema(Class<?> type) {
        Object event = SampleEvents.full().get(type);
        assertTrue(event != null, "SampleEvents.full() lacks " + type.getSimpleName());
        JsonNode json = EVENTS.valueToTree(event);

        assertEquals(List.of(), Schemas.validate(event));
        // "Every field set" means it: nothing was null and silently omitted.
        assertEquals(type.getRecordComponents().length, json.size(), json.toString());
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void javaRecordWithOnlyRequiredFieldsMatchesItsSchema(Class<?> type) {
        Object event = SampleEvents.minimal().get(type);
        assertTrue(event != null, "SampleEvents.minimal() lacks " + type.getSimpleName());

        assertEquals(List.of(), Schemas.validate(event));
        // Minimal indeed: the schema needs every field that is left.
        ObjectNode json = EVENTS.valueToTree(event);
        json.fieldNames().forEachRemaining(field -> assertFalse(
                Schemas.validate(type, json.deepCopy().without(field)).isEmpty(),
                type.getSimpleName() + "." + field + " is optional, so the minimal sample should leave it null"));
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void goldenExampleRoundTripsThroughItsRecord(Class<?> type) throws IOException {
        String example = Schemas.exampleJson(type);

        Object event = EVENTS.readValue(example, type);
        String written = EVENTS.writeValueAsString(event);

        JsonNode expected = TREES.readTree(example);
        JsonNode actual = TREES.readTree(written);
        assertTrue(expected.equals(NUMERIC_AWARE, actual),
                () -> type.getSimpleName() + "\nexample: " + expected + "\nwritten: " + actual);
    }

    @Test
    void everyEventRecordHasASchemaAndAnExample() {
        Set<String> events = names(eventTypes());
        assertEquals(13, events.size(), "event records found: " + events);
        assertEquals(events, schemaNames(), "schemas/<Record>.schema.json");
        assertEquals(events, stripped(fileNames("/examples", ".json"), ".json"), "examples/<Record>.json");
    }

    @Test
    void everyEventRecordIsABrevruteEvent() {
        eventTypes().forEach(type -> assertTrue(BrevruteEvent.class.isAssignableFrom(type), type.getSimpleName()));
    }

    @Test
    void schemaHeadersFollowTheConvention() throws IOException {
        for (String name : schemaNames()) {
            JsonNode schema = TREES.readTree(resource("/schemas/" + name + ".schema.json"));
            assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText(), name);
            assertEquals(Schemas.BASE_URI + name + ".schema.json", schema.path("$id").asText(), name);
            assertEquals(name, schema.path("title").asText(), name);
            assertFalse(schema.path("description").asText().isBlank(), name);
            assertEquals("object", schema.path("type").asText(), name);
            assertTrue(schema.path("additionalProperties").asBoolean(false), name + ": additive changes must stay valid");
        }
    }

    @Test
    void unknownPropertiesAreAcceptedByReadersAndSchemas() throws IOException {
        // The compatibility rule: a producer may add a field without a new topic version.
        JsonNode example = TREES.readTree(Schemas.exampleJson(LetterRouted.class));
        ((ObjectNode) example).put("addedInAMinorRelease", "x");

        assertEquals(List.of(), Schemas.validate(LetterRouted.class, example));
        assertEquals(LetterRouted.class, EVENTS.treeToValue(example, LetterRouted.class).getClass());
    }

    private static Set<String> schemaNames() {
        Set<String> names = stripped(fileNames("/schemas", ".schema.json"), ".schema.json");
        names.remove("common");
        return names;
    }

    private static Set<String> names(List<Class<?>> types) {
        return types.stream().map(Class::getSimpleName).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> stripped(List<String> files, String suffix) {
        return files.stream().map(f -> f.substring(0, f.length() - suffix.length()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static List<String> fileNames(String folder, String suffix) {
        try (Stream<Path> files = Files.list(Path.of(ContractTest.class.getResource(folder).toURI()))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ContractTest.class.getResourceAsStream(name)) {
            assertTrue(in != null, "missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
