package dk.brevrute.kit.deadletter;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.config.Config;

/**
 * This service's dead-letter topics and the topic each one catches records from, read from the
 * channels' configuration ({@code mp.messaging.incoming.<channel>.dead-letter-queue.topic}).
 */
public final class DeadLetterTopics {

    private static final String PREFIX = "mp.messaging.incoming.";
    private static final String SUFFIX = ".dead-letter-queue.topic";

    private final Map<String, String> sourceByDlq;

    private DeadLetterTopics(Map<String, String> sourceByDlq) {
        this.sourceByDlq = Collections.unmodifiableMap(sourceByDlq);
    }

    public static DeadLetterTopics from(Config config) {
        Map<String, String> map = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX) && name.endsWith(SUFFIX)) {
                String channel = name.substring(PREFIX.length(), name.length() - SUFFIX.length());
                String dlq = config.getOptionalValue(name, String.class).orElse(null);
                String source = config.getOptionalValue(PREFIX + channel + ".topic", String.class).orElse(channel);
                if (dlq != null) {
                    map.put(dlq, source);
                }
            }
        }
        return new DeadLetterTopics(map);
    }

    /** Dead-letter topic to source topic, sorted by dead-letter topic. */
    public Map<String, String> sourceByDlq() {
        return sourceByDlq;
    }

    public boolean contains(String dlqTopic) {
        return sourceByDlq.containsKey(dlqTopic);
    }
}
