package dk.brevrute.eboks.support;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dk.brevrute.testinfra.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reading what the gateway published about one letter (records keyed by letter id). */
public final class Events {

    private Events() {
    }

    /** Every event of {@code type} on {@code topic} for the letter, once at least {@code count} are there (or the timeout passes). */
    public static <T> List<T> await(KafkaTestClient kafka, String topic, UUID letterId, Class<T> type, int count, Duration timeout) {
        String key = letterId.toString();
        List<ConsumerRecord<String, String>> seen = kafka.readUntil(topic, timeout,
                records -> records.stream().filter(r -> key.equals(r.key())).count() >= count);
        return seen.stream().filter(r -> key.equals(r.key())).map(r -> KafkaTestClient.parse(r.value(), type)).toList();
    }

    /** The first event of {@code type} for the letter; fails if none comes within {@code timeout}. */
    public static <T> T first(KafkaTestClient kafka, String topic, UUID letterId, Class<T> type, Duration timeout) {
        List<T> events = await(kafka, topic, letterId, type, 1, timeout);
        if (events.isEmpty()) {
            throw new AssertionError("no " + type.getSimpleName() + " for letter " + letterId + " on " + topic + " within " + timeout);
        }
        return events.get(0);
    }
}
