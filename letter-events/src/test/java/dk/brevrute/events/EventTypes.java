package dk.brevrute.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The event records of this module, found by scanning the compiled package, so a new record cannot be missed. */
final class EventTypes {

    private EventTypes() {
    }

    /** Every top-level record in {@code dk.brevrute.events} with an {@code eventId} component. */
    static List<Class<?>> all() {
        try (Stream<Path> files = Files.list(packageDirectory())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .<Class<?>>map(n -> load(n.substring(0, n.length() - ".class".length())))
                    .filter(EventTypes::isEvent)
                    .sorted(Comparator.comparing(Class::getSimpleName))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isEvent(Class<?> type) {
        return type.isRecord()
                && Arrays.stream(type.getRecordComponents()).anyMatch(c -> c.getName().equals("eventId"));
    }

    static boolean hasComponent(Class<?> record, String name) {
        return Arrays.stream(record.getRecordComponents()).anyMatch(c -> c.getName().equals(name));
    }

    static Class<?> byName(String simpleName) {
        return load(simpleName);
    }

    private static Path packageDirectory() {
        try {
            return Path.of(EventJson.class.getResource("EventJson.class").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String simpleName) {
        try {
            return Class.forName(EventJson.class.getPackageName() + "." + simpleName);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no class " + simpleName, e);
        }
    }
}
