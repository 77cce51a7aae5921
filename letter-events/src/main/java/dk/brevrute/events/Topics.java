package dk.brevrute.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The topic catalogue: every topic Brevrute uses, named once. Names follow
 * {@code <domain>.<past-tense-event>.v<major>}; per-department topics put the department's segment
 * before the version. Dead-letter topics are {@code <topic>.<consumer-app>.dlq}.
 */
public final class Topics {

    public static final String LETTERS_REQUESTED_PATTERN = "letters\\.requested\\.[a-z0-9-]+\\.v1";
    /** The family of all departments' letter-requested topics; names their one dead-letter topic. */
    public static final String LETTERS_REQUESTED_FAMILY = "letters.requested.v1";
    public static final String LETTERS_SUBMITTED = "letters.submitted.v1";
    public static final String LETTERS_REJECTED = "letters.rejected.v1";
    public static final String LETTERS_ROUTED = "letters.routed.v1";
    public static final String DELIVERY_FAILED = "letters.delivery-failed.v1";
    public static final String LETTERS_DELIVERED = "letters.delivered.v1";
    public static final String LETTERS_READ = "letters.read.v1";
    public static final String LETTERS_RETURNED = "letters.returned.v1";
    public static final String LETTERS_CANCELLED = "letters.cancelled.v1";
    public static final String REGISTRATIONS_CHANGED = "registrations.changed.v1";
    public static final String PRINT_BATCH_STATE_CHANGED = "print.batch-state-changed.v1";
    public static final String TARIFFS_PUBLISHED = "tariffs.published.v1";
    public static final String LETTERS_STATUS_CHANGED_PATTERN = "letters\\.status-changed\\.[a-z0-9-]+\\.v1";

    /** Inline documents up to this size (bytes, before base64) fit a letter-requested record. */
    public static final int DEFAULT_INLINE_DOCUMENT_LIMIT = 1024 * 1024;
    /** {@code max.message.bytes} of the letter-requested topics: base64 of the inline limit plus metadata. */
    public static final int LETTERS_REQUESTED_MAX_MESSAGE_BYTES = 1_500_000;

    private static final long DAY_MS = 24L * 60 * 60 * 1000;

    /**
     * What a topic carries. {@code retentionMs} of -1 keeps records for ever (compacted topics);
     * topics whose payloads carry CPR numbers keep them only briefly.
     */
    public record TopicSpec(
            String name,
            Class<?> payload,
            String key,
            boolean compacted,
            long retentionMs,
            int maxMessageBytes,
            boolean carriesCpr) {
    }

    /** A consumer application and the topic it reads; its dead-letter topic follows from both. */
    public record Consumer(String app, String topic) {
        public String deadLetterTopic() {
            return dlq(topic, app);
        }
    }

    private Topics() {
    }

    public static String lettersRequested(Department department) {
        return "letters.requested." + department.topicSegment() + ".v1";
    }

    public static String lettersStatusChanged(Department department) {
        return "letters.status-changed." + department.topicSegment() + ".v1";
    }

    /** The department whose letter-requested topic this is. */
    public static Optional<Department> departmentOfRequestTopic(String topic, List<Department> departments) {
        return departments.stream().filter(d -> lettersRequested(d).equals(topic)).findFirst();
    }

    public static String dlq(String topic, String app) {
        return topic + "." + app + ".dlq";
    }

    /** The consumers of the system; their dead-letter topics are part of the catalogue. */
    public static List<Consumer> consumers() {
        return List.of(
                new Consumer("letter-intake", LETTERS_REQUESTED_FAMILY),
                new Consumer("letter-intake", LETTERS_ROUTED),
                new Consumer("letter-intake", DELIVERY_FAILED),
                new Consumer("letter-intake", LETTERS_DELIVERED),
                new Consumer("letter-intake", LETTERS_READ),
                new Consumer("letter-intake", LETTERS_RETURNED),
                new Consumer("letter-intake", PRINT_BATCH_STATE_CHANGED),
                new Consumer("routing-service", LETTERS_SUBMITTED),
                new Consumer("routing-service", REGISTRATIONS_CHANGED),
                new Consumer("routing-service", DELIVERY_FAILED),
                new Consumer("routing-service", LETTERS_READ),
                new Consumer("routing-service", LETTERS_CANCELLED),
                new Consumer("eboks-gateway", LETTERS_ROUTED),
                new Consumer("eboks-gateway", TARIFFS_PUBLISHED),
                new Consumer("eboks-gateway", LETTERS_CANCELLED),
                new Consumer("print-center-service", LETTERS_ROUTED),
                new Consumer("print-center-service", TARIFFS_PUBLISHED),
                new Consumer("print-center-service", LETTERS_CANCELLED),
                new Consumer("savings-ledger", LETTERS_DELIVERED),
                new Consumer("savings-ledger", LETTERS_RETURNED),
                new Consumer("savings-ledger", LETTERS_ROUTED));
    }

    /** Every topic for the given departments, dead-letter topics included. */
    public static List<TopicSpec> catalogue(List<Department> departments) {
        long week = 7 * DAY_MS;
        int mb = 1024 * 1024;
        List<TopicSpec> topics = new ArrayList<>();
        for (Department d : departments) {
            topics.add(new TopicSpec(lettersRequested(d), LetterRequested.class, "department:senderReference",
                    false, week, LETTERS_REQUESTED_MAX_MESSAGE_BYTES, true));
            topics.add(new TopicSpec(lettersStatusChanged(d), LetterStatusChanged.class, "letterId",
                    false, 30 * DAY_MS, mb, false));
        }
        topics.add(new TopicSpec(LETTERS_SUBMITTED, LetterSubmitted.class, "letterId", false, week, mb, true));
        topics.add(new TopicSpec(LETTERS_REJECTED, LetterRejected.class, "department:senderReference", false, 30 * DAY_MS, mb, false));
        topics.add(new TopicSpec(LETTERS_ROUTED, LetterRouted.class, "letterId", false, week, mb, true));
        topics.add(new TopicSpec(DELIVERY_FAILED, DeliveryFailed.class, "letterId", false, 30 * DAY_MS, mb, false));
        topics.add(new TopicSpec(LETTERS_DELIVERED, LetterDelivered.class, "letterId", false, 400 * DAY_MS, mb, false));
        topics.add(new TopicSpec(LETTERS_READ, LetterRead.class, "letterId", false, 30 * DAY_MS, mb, false));
        topics.add(new TopicSpec(LETTERS_RETURNED, LetterReturned.class, "letterId", false, 400 * DAY_MS, mb, false));
        topics.add(new TopicSpec(LETTERS_CANCELLED, LetterCancelled.class, "letterId", false, 30 * DAY_MS, mb, false));
        topics.add(new TopicSpec(REGISTRATIONS_CHANGED, RegistrationChanged.class, "citizenKey", true, -1, mb, false));
        topics.add(new TopicSpec(PRINT_BATCH_STATE_CHANGED, PrintBatchStateChanged.class, "batchId", false, 30 * DAY_MS, 4 * mb, false));
        topics.add(new TopicSpec(TARIFFS_PUBLISHED, TariffVersionPublished.class, "tariffId", true, -1, mb, false));
        java.util.Set<String> cprTopics = new java.util.HashSet<>();
        topics.stream().filter(TopicSpec::carriesCpr).forEach(t -> cprTopics.add(t.name()));
        cprTopics.add(LETTERS_REQUESTED_FAMILY);
        for (Consumer c : consumers()) {
            boolean cpr = cprTopics.contains(c.topic());
            // Room for the dead-letter headers on top of the largest source record.
            int maxBytes = c.topic().equals(LETTERS_REQUESTED_FAMILY) ? 2 * mb : 4 * mb;
            topics.add(new TopicSpec(c.deadLetterTopic(), byte[].class, "as the source record", false,
                    cpr ? week : 30 * DAY_MS, maxBytes, cpr));
        }
        return List.copyOf(topics);
    }

    /** Whether a topic name, or a subscription pattern, names catalogued topics. */
    public static boolean isCatalogued(String topicOrPattern, List<Department> departments) {
        List<TopicSpec> all = catalogue(departments);
        if (all.stream().anyMatch(t -> t.name().equals(topicOrPattern))) {
            return true;
        }
        if (topicOrPattern.equals(LETTERS_REQUESTED_PATTERN) || topicOrPattern.equals(LETTERS_STATUS_CHANGED_PATTERN)) {
            return true;
        }
        return false;
    }

    /** Topics matched by a subscription pattern. */
    public static List<String> matching(String pattern, List<Department> departments) {
        Pattern p = Pattern.compile(pattern);
        return catalogue(departments).stream().map(TopicSpec::name).filter(n -> p.matcher(n).matches()).toList();
    }
}
