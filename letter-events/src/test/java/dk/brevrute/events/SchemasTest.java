package dk.brevrute.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SchemasTest {

    @Test
    void reportsEveryProblemWithItsPath() {
        LetterRouted event = new LetterRouted(UUID.randomUUID(), SampleEvents.NOW, SampleEvents.LETTER, "buf",
                Channel.PRINT, RoutingReason.DIGITAL_FAILED, null, 0,
                (LetterSubmitted) SampleEvents.minimal().get(LetterSubmitted.class), null);

        List<String> errors = Schemas.validate(event);

        assertEquals(3, errors.size(), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("$.department")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("$.sequence")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("'failureKind'")), errors.toString());
    }

    @Test
    void requireValidThrowsOnlyForInvalidEvents() {
        Schemas.requireValid(SampleEvents.full().get(LetterRouted.class));
        LetterCancelled broken = new LetterCancelled(UUID.randomUUID(), SampleEvents.NOW, null, "TMF", null);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schemas.requireValid(broken));
        assertTrue(e.getMessage().contains("letterId"), e.getMessage());
    }

    @Test
    void aTypeWithoutSchemaIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Schemas.validate(Department.class, "{}"));
        assertThrows(IllegalArgumentException.class, () -> Schemas.exampleJson(Department.class));
    }

    @Test
    void validatesConcurrently() throws Exception {
        List<Callable<List<String>>> tasks = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            Class<?> type = EventTypes.all().get(i % EventTypes.all().size());
            boolean valid = i % 2 == 0;
            tasks.add(() -> valid
                    ? Schemas.validate(type, Schemas.exampleJson(type))
                    : Schemas.validate(type, "{\"eventId\": \"not-a-uuid\"}"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> results = pool.invokeAll(tasks);
            for (int i = 0; i < results.size(); i++) {
                List<String> errors = results.get(i).get();
                assertEquals(i % 2 == 0, errors.isEmpty(), "task " + i + ": " + errors);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
