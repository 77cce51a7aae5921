package dk.brevrute.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates events against their JSON Schema, the source of truth of the contracts. The schema of
 * record {@code X} is {@code schemas/X.schema.json} on the classpath, with {@code $id}
 * {@code https://brevrute.dk/schemas/X.schema.json}; its golden example is {@code examples/X.json}.
 *
 * <p>Thread-safe: schemas are loaded once per event type, fully initialised, and then shared. The
 * validator (networknt 3.x) runs on Jackson 3, so events cross over as JSON text; what is validated
 * is exactly what {@link EventJson} writes.
 */
public final class Schemas {

    public static final String BASE_URI = "https://brevrute.dk/schemas/";
    private static final String SCHEMA_RESOURCES = "/schemas/";
    private static final String EXAMPLE_RESOURCES = "/examples/";

    // Schemas are resolved only from this jar: an unknown $ref fails instead of reaching the network.
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder
                    .schemas(Schemas::bundledSchema)
                    .schemaRegistryConfig(SchemaRegistryConfig.builder()
                            // 2020-12 treats "format" as an annotation unless told otherwise.
                            .formatAssertionsEnabled(true)
                            .locale(Locale.ENGLISH)
                            .pathType(PathType.JSON_PATH)
                            .build()));

    private static final Map<Class<?>, Schema> CACHE = new ConcurrentHashMap<>();
    private static final ObjectMapper MAPPER = EventJson.newMapper();

    private Schemas() {
    }

    /** The schema's {@code $id} for an event type. */
    public static String schemaId(Class<?> eventType) {
        return BASE_URI + eventType.getSimpleName() + ".schema.json";
    }

    /** Whether a schema ships for this event type. */
    public static boolean hasSchema(Class<?> eventType) {
        return Schemas.class.getResource(SCHEMA_RESOURCES + eventType.getSimpleName() + ".schema.json") != null;
    }

    /** Errors of an event serialised with {@link EventJson}; empty when valid. */
    public static List<String> validate(Object event) {
        try {
            return validate(event.getClass(), MAPPER.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + event.getClass().getName(), e);
        }
    }

    /** Errors of a JSON tree against the schema of {@code eventType}; empty when valid. */
    public static List<String> validate(Class<?> eventType, JsonNode json) {
        try {
            return validate(eventType, MAPPER.writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise JSON tree", e);
        }
    }

    /** Errors of a JSON text against the schema of {@code eventType}; empty when valid. */
    public static List<String> validate(Class<?> eventType, String json) {
        return schema(eventType).validate(json, InputFormat.JSON).stream().map(Object::toString).toList();
    }

    /** Throws {@link IllegalArgumentException} listing the errors when the event breaks its schema. */
    public static void requireValid(Object event) {
        List<String> errors = validate(event);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(event.getClass().getSimpleName() + " breaks its schema: " + errors);
        }
    }

    /** The golden example of an event type, as JSON text; handy as a test fixture in services. */
    public static String exampleJson(Class<?> eventType) {
        String name = EXAMPLE_RESOURCES + eventType.getSimpleName() + ".json";
        try (InputStream in = Schemas.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no example " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema schema(Class<?> eventType) {
        Schema schema = CACHE.get(eventType);
        if (schema == null) {
            // Loading is rare; serialising it keeps the registry's lazy $ref resolution single-threaded.
            synchronized (CACHE) {
                schema = CACHE.computeIfAbsent(eventType, Schemas::load);
            }
        }
        return schema;
    }

    private static Schema load(Class<?> eventType) {
        if (!hasSchema(eventType)) {
            throw new IllegalArgumentException("no schema for " + eventType.getName());
        }
        Schema schema = REGISTRY.getSchema(SchemaLocation.of(schemaId(eventType)));
        // Resolve every $ref now, so concurrent validations never initialise lazily.
        schema.initializeValidators();
        return schema;
    }

    private static String bundledSchema(String iri) {
        if (!iri.startsWith(BASE_URI)) {
            return null;
        }
        String name = SCHEMA_RESOURCES + iri.substring(BASE_URI.length());
        try (InputStream in = Schemas.class.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
