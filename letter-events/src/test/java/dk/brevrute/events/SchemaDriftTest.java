package dk.brevrute.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks each record and its schema side by side: same property names, matching JSON types and
 * formats, enums listing exactly the Java constants, and the required fields the conventions demand.
 */
class SchemaDriftTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMMON = "common.schema.json";

    /** A schema node and the document its local {@code #} references resolve against. */
    private record Located(JsonNode node, JsonNode document) {
    }

    static List<Class<?>> eventTypes() {
        return EventTypes.all();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void schemaDescribesExactlyTheRecord(Class<?> type) {
        JsonNode schema = schema(type.getSimpleName() + ".schema.json");
        assertRecordMatches(type.getSimpleName(), type, new Located(schema, schema));
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void conventionalFieldsAreRequired(Class<?> type) {
        Set<String> required = required(schema(type.getSimpleName() + ".schema.json"));
        List<String> expected = new ArrayList<>(List.of("eventId", "occurredAt"));
        // The request's topic names its department; the field is an optional cross-check.
        if (EventTypes.hasComponent(type, "department") && type != LetterRequested.class) {
            expected.add("department");
        }
        // A rejected request never became a letter; the schema demands letterId for every other status.
        if (EventTypes.hasComponent(type, "letterId") && type != LetterStatusChanged.class) {
            expected.add("letterId");
        }
        assertTrue(required.containsAll(expected), type.getSimpleName() + " requires " + required + ", expected " + expected);
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void primitiveComponentsAreRequired(Class<?> type) {
        // Java always writes primitives, and reads a missing one as 0/false; the schema makes that explicit.
        JsonNode schema = schema(type.getSimpleName() + ".schema.json");
        List<String> missing = new ArrayList<>();
        collectOptionalPrimitives(type.getSimpleName(), type, new Located(schema, schema), missing);
        assertEquals(List.of(), missing);
    }

    private void assertRecordMatches(String path, Class<?> record, Located schema) {
        Located object = resolve(schema);
        assertEquals("object", object.node().path("type").asText(), path + " type");
        JsonNode properties = object.node().path("properties");
        Set<String> schemaNames = new TreeSet<>();
        properties.fieldNames().forEachRemaining(schemaNames::add);
        Set<String> javaNames = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(javaNames, schemaNames, path + ": record components vs schema properties");
        assertTrue(schemaNames.containsAll(required(object.node())), path + ": required names unknown properties");
        for (RecordComponent c : record.getRecordComponents()) {
            assertTypeMatches(path + "." + c.getName(), c.getGenericType(),
                    new Located(properties.get(c.getName()), object.document()));
        }
    }

    private void assertTypeMatches(String path, Type javaType, Located schema) {
        Located located = resolve(schema);
        JsonNode s = located.node();
        Class<?> raw = javaType instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) javaType;
        if (raw == UUID.class) {
            assertFormat(path, s, "uuid");
        } else if (raw == Instant.class) {
            assertFormat(path, s, "date-time");
        } else if (raw == LocalDate.class) {
            assertFormat(path, s, "date");
        } else if (raw == String.class) {
            assertEquals("string", s.path("type").asText(), path);
        } else if (raw == BigDecimal.class) {
            assertEquals("number", s.path("type").asText(), path);
        } else if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            assertEquals("integer", s.path("type").asText(), path);
        } else if (raw == boolean.class || raw == Boolean.class) {
            assertEquals("boolean", s.path("type").asText(), path);
        } else if (raw.isEnum()) {
            assertEquals("string", s.path("type").asText(), path);
            List<String> constants = Arrays.stream(raw.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
            List<String> schemaEnum = new ArrayList<>();
            s.path("enum").forEach(v -> schemaEnum.add(v.asText()));
            assertEquals(constants, schemaEnum, path + ": enum must list the Java constants exactly");
        } else if (raw == List.class) {
            assertEquals("array", s.path("type").asText(), path);
            Type item = ((ParameterizedType) javaType).getActualTypeArguments()[0];
            assertTypeMatches(path + "[]", item, new Located(s.get("items"), located.document()));
        } else if (raw.isRecord()) {
            assertRecordMatches(path, raw, located);
        } else {
            fail(path + ": no JSON mapping known for " + javaType);
        }
    }

    private void collectOptionalPrimitives(String path, Class<?> record, Located schema, List<String> missing) {
        Located object = resolve(schema);
        Set<String> required = required(object.node());
        for (RecordComponent c : record.getRecordComponents()) {
            String at = path + "." + c.getName();
            Located property = new Located(object.node().path("properties").get(c.getName()), object.document());
            if (c.getType().isPrimitive() && !required.contains(c.getName())) {
                missing.add(at);
            } else if (c.getType().isRecord()) {
                collectOptionalPrimitives(at, c.getType(), property, missing);
            } else if (c.getType() == List.class
                    && ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0] instanceof Class<?> item
                    && item.isRecord()) {
                collectOptionalPrimitives(at + "[]", item, new Located(resolve(property).node().get("items"),
                        resolve(property).document()), missing);
            }
        }
    }

    private static void assertFormat(String path, JsonNode s, String format) {
        assertEquals("string", s.path("type").asText(), path);
        assertEquals(format, s.path("format").asText(), path);
    }

    /** Follows {@code $ref}s into this schema's {@code $defs}, {@code common.schema.json} or another event's schema. */
    private static Located resolve(Located schema) {
        assertTrue(schema.node() != null, "no schema node");
        Located current = schema;
        while (current.node().has("$ref")) {
            String ref = current.node().get("$ref").asText();
            int hash = ref.indexOf('#');
            String file = hash < 0 ? ref : ref.substring(0, hash);
            JsonNode document = file.isEmpty() ? current.document() : schema(file);
            JsonNode target = hash < 0 ? document : document.at(ref.substring(hash + 1));
            assertTrue(!target.isMissingNode(), "unresolvable $ref " + ref);
            current = new Located(target, document);
        }
        return current;
    }

    private static Set<String> required(JsonNode schema) {
        Set<String> names = new TreeSet<>();
        schema.path("required").forEach(n -> names.add(n.asText()));
        return names;
    }

    private static JsonNode schema(String file) {
        assertTrue(file.equals(COMMON) || file.endsWith(".schema.json"), file);
        try {
            return JSON.readTree(ContractTest.resource("/schemas/" + file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
