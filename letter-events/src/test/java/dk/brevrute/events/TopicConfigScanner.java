package dk.brevrute.events;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects the Kafka topics the services bind in their {@code application.properties}: every
 * {@code mp.messaging.(incoming|outgoing).<channel>.topic}, {@code .topics} (comma-separated) and
 * {@code .dead-letter-queue.topic}, in any profile. Two defaults of SmallRye Kafka are made explicit,
 * because they create topics nobody named: a {@code dead-letter-queue} failure strategy without a
 * topic writes to {@code dead-letter-topic-<channel>}, and a Kafka channel without a topic uses the
 * channel name.
 */
final class TopicConfigScanner {

    static final List<String> SERVICE_MODULES = List.of("letter-intake", "routing-service", "eboks-gateway",
            "print-center-service", "savings-ledger", "sf1601-simulator");
    static final String PROPERTIES = "src/main/resources/application.properties";

    private static final Pattern CHANNEL_KEY = Pattern.compile(
            "^(%[^.]+\\.)?mp\\.messaging\\.(incoming|outgoing)\\.(.+?)\\.(dead-letter-queue\\.topic|topics|topic|failure-strategy|connector)$");
    private static final Pattern EXPRESSION = Pattern.compile("^\\$\\{([^:}]+)(?::([^}]*))?}$");

    /** One topic bound in one file. */
    record TopicUse(Path file, String key, String topic) {
        @Override
        public String toString() {
            return file + ": " + key + " = " + topic;
        }
    }

    /** What a scan found: the files read (modules and files that do not exist are skipped) and the topics. */
    record Scan(List<Path> modules, List<Path> files, List<TopicUse> topics) {
        List<TopicUse> uncatalogued(List<Department> departments) {
            return topics.stream().filter(t -> !Topics.isCatalogued(t.topic(), departments)).toList();
        }
    }

    private TopicConfigScanner() {
    }

    /**
     * The project root: surefire sets {@code brevrute.project.root} from Maven's multi-module
     * directory; without it (an IDE run) the parent of this module's folder.
     */
    static Path projectRoot() {
        String configured = System.getProperty("brevrute.project.root");
        if (configured != null && !configured.isBlank() && !configured.contains("${")
                && Files.isRegularFile(Path.of(configured, "pom.xml"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return Path.of("..").toAbsolutePath().normalize();
    }

    static Scan scan(Path root, List<String> modules) {
        List<Path> present = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<TopicUse> topics = new ArrayList<>();
        for (String module : modules) {
            Path dir = root.resolve(module);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            present.add(dir);
            Path file = dir.resolve(PROPERTIES);
            if (Files.isRegularFile(file)) {
                files.add(file);
                topics.addAll(topicsIn(file));
            }
        }
        return new Scan(List.copyOf(present), List.copyOf(files), List.copyOf(topics));
    }

    static List<TopicUse> topicsIn(Path file) {
        Properties properties = load(file);
        List<TopicUse> uses = new ArrayList<>();
        // profile + direction + channel -> attribute -> value
        Map<String, Map<String, String>> channels = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames().stream().sorted().toList()) {
            Matcher m = CHANNEL_KEY.matcher(key);
            if (!m.matches()) {
                continue;
            }
            String profile = m.group(1) == null ? "" : m.group(1);
            String channel = m.group(3);
            String attribute = m.group(4);
            String value = resolve(properties.getProperty(key).strip(), properties);
            channels.computeIfAbsent(profile + m.group(2) + "." + channel, k -> new LinkedHashMap<>()).put(attribute, value);
            if (attribute.endsWith("topic") || attribute.equals("topics")) {
                Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                        .forEach(topic -> uses.add(new TopicUse(file, key, topic)));
            }
        }
        channels.forEach((id, attributes) -> {
            String profile = id.startsWith("%") ? id.substring(0, id.indexOf('.') + 1) : "";
            String base = id.substring(profile.length());
            String channel = base.substring(base.indexOf('.') + 1);
            Map<String, String> inherited = new LinkedHashMap<>(channels.getOrDefault(base, Map.of()));
            inherited.putAll(attributes);
            String prefix = profile + "mp.messaging." + base + ".";
            if ("dead-letter-queue".equals(attributes.get("failure-strategy"))
                    && !inherited.containsKey("dead-letter-queue.topic")) {
                uses.add(new TopicUse(file, prefix + "failure-strategy (no dead-letter-queue.topic)",
                        "dead-letter-topic-" + channel));
            }
            if ("smallrye-kafka".equals(attributes.get("connector"))
                    && !inherited.containsKey("topic") && !inherited.containsKey("topics")) {
                uses.add(new TopicUse(file, prefix + "connector (no topic)", channel));
            }
        });
        return uses;
    }

    /** {@code ${key}} and {@code ${key:default}} against the same file; anything else stays as written. */
    private static String resolve(String value, Properties properties) {
        Matcher m = EXPRESSION.matcher(value);
        if (!m.matches()) {
            return value;
        }
        String referenced = properties.getProperty(m.group(1));
        if (referenced != null) {
            return referenced.strip();
        }
        return m.group(2) != null ? m.group(2).strip() : value;
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
