package dk.brevrute.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A department (forvaltning) that sends letters. {@code id} is the ASCII identifier used in events,
 * token claims and topic names (lower-cased); {@code code} and {@code name} are for people.
 * Departments are configuration: {@link #defaults()} reads the shipped default list (Copenhagen's
 * seven), and services may configure another list.
 */
public record Department(String id, String code, String name) {

    public Department {
        if (id == null || !id.matches("[A-Z][A-Z0-9-]{1,15}")) {
            throw new IllegalArgumentException("department id must be 2-16 upper-case ASCII letters, digits or '-': " + id);
        }
    }

    /** The department's segment in topic names. */
    public String topicSegment() {
        return id.toLowerCase(Locale.ROOT);
    }

    /** Copenhagen's seven departments, from {@code departments.csv} next to this class. */
    public static List<Department> defaults() {
        try (InputStream in = Department.class.getResourceAsStream("departments.csv")) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The departments a service is configured with: entries of {@code id;code;name}, or the shipped
     * defaults when none are configured.
     */
    public static List<Department> configured(java.util.Optional<List<String>> entries) {
        if (entries.isEmpty() || entries.get().isEmpty()) {
            return defaults();
        }
        try {
            return parse(new java.io.ByteArrayInputStream(String.join("\n", entries.get()).getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines of {@code id;code;name}; '#' starts a comment. */
    public static List<Department> parse(InputStream in) throws IOException {
        List<Department> result = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(";", 3);
            result.add(new Department(parts[0].strip(), parts[1].strip(), parts[2].strip()));
        }
        return List.copyOf(result);
    }
}
