package dk.brevrute.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One process of the raw-Kafka chain: no business logic, only what a hop costs. {@code produce}
 * writes {@code count} records; {@code relay} consumes a topic and, for every record, produces one
 * record to the next topic (the poll's records sent, then flushed, i.e. acknowledged, before the
 * offsets are committed: at-least-once, durable); {@code consume} reads them at the end of the chain.
 * Records have the sizes the pipeline's records had on the corresponding topic (a sizes file: value,
 * key and header bytes per line); the producers use the services' outbox-relay settings. Prints
 * {@code READY} once its consumer has partitions and one {@code RESULT} JSON line at the end.
 *
 * <pre>
 *   RawStage produce &lt;bootstrap&gt; &lt;out-topic&gt; &lt;count&gt; &lt;sizes-file&gt;
 *   RawStage relay   &lt;bootstrap&gt; &lt;in-topic&gt; &lt;out-topic&gt; &lt;group&gt; &lt;count&gt; &lt;sizes-file&gt;
 *   RawStage consume &lt;bootstrap&gt; &lt;in-topic&gt; &lt;group&gt; &lt;count&gt;
 * </pre>
 */
public final class RawStage {

    private static final byte[] FILLER = filler();
    private static final Duration GIVE_UP = Duration.ofMinutes(15);

    private RawStage() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "produce" -> produce(args[1], args[2], Integer.parseInt(args[3]), sizes(Path.of(args[4])));
            case "relay" -> relay(args[1], args[2], args[3], args[4], Integer.parseInt(args[5]), sizes(Path.of(args[6])));
            case "consume" -> consume(args[1], args[2], args[3], Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException("produce, relay or consume");
        }
    }

    /** The services' OutboxRelay producer settings (service-kit). */
    static Properties producerConfig(String bootstrap, String clientId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return p;
    }

    /**
     * A consumer like the services' SmallRye Kafka consumers: a group, from the earliest offset, no
     * auto-commit, and service-kit's fetch settings (a fetch answers at 64 KB or after 100 ms).
     */
    static Properties consumerConfig(String bootstrap, String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 65_536);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        return p;
    }

    private static void produce(String bootstrap, String out, int count, List<int[]> sizes) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(bootstrap, "raw-producer"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            long first = System.currentTimeMillis();
            for (int i = 0; i < count; i++) {
                producer.send(record(out, sizes.get(i % sizes.size())));
            }
            producer.flush();
            result("produce", count, first, System.currentTimeMillis());
        }
    }

    private static void relay(String bootstrap, String in, String out, String group, int count, List<int[]> sizes) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(bootstrap, group + "-out"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            int[] sent = {0};
            poll("relay", bootstrap, in, group, count, records -> {
                for (int k = 0; k < records.count(); k++) {
                    producer.send(record(out, sizes.get(sent[0]++ % sizes.size())));
                }
                producer.flush();
            });
        }
    }

    private static void consume(String bootstrap, String in, String group, int count) {
        poll("consume", bootstrap, in, group, count, records -> {
        });
    }

    /** Reads {@code count} records of {@code in}, hands each poll to {@code each}, commits, reports. */
    private static void poll(String role, String bootstrap, String in, String group, int count,
            java.util.function.Consumer<ConsumerRecords<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(bootstrap, group),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            subscribe(consumer, in);
            int n = 0;
            long first = 0;
            long last = 0;
            long deadline = System.nanoTime() + GIVE_UP.toNanos();
            while (n < count && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                if (first == 0) {
                    first = System.currentTimeMillis();
                }
                each.accept(records);
                n += records.count();
                consumer.commitAsync();
                last = System.currentTimeMillis();
            }
            consumer.commitSync();
            result(role, n, first, last);
        }
    }

    /** Subscribes and polls until the group has given this consumer its partitions, then says READY. */
    private static void subscribe(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        boolean[] assigned = {false};
        consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                assigned[0] |= !partitions.isEmpty();
            }
        });
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!assigned[0] && System.nanoTime() < deadline) {
            if (!consumer.poll(Duration.ofMillis(100)).isEmpty()) {
                throw new IllegalStateException("records before the chain started: the topic is not fresh");
            }
        }
        System.out.println("READY");
        System.out.flush();
    }

    static ProducerRecord<byte[], byte[]> record(String topic, int[] size) {
        byte[] value = new byte[size[0]];
        System.arraycopy(FILLER, 0, value, 0, Math.min(value.length, FILLER.length));
        String id = UUID.randomUUID().toString();
        byte[] key = size[1] <= 0 ? null : pad(id, size[1]);
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, key, value);
        if (size[2] > 0) {
            // The outbox relay's headers: content-type, brevrute-event-type, brevrute-event-id.
            r.headers().add(new RecordHeader("content-type", "application/json".getBytes(StandardCharsets.UTF_8)));
            r.headers().add(new RecordHeader("brevrute-event-id", id.getBytes(StandardCharsets.UTF_8)));
            int rest = Math.max(1, size[2] - "content-type".length() - 16 - "brevrute-event-id".length() - 36 - "brevrute-event-type".length());
            r.headers().add(new RecordHeader("brevrute-event-type", pad("LetterEvent", rest)));
        }
        return r;
    }

    private static byte[] pad(String s, int length) {
        byte[] out = new byte[length];
        byte[] src = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < length; i++) {
            out[i] = src[i % src.length];
        }
        return out;
    }

    /** JSON-like ASCII, 2 MB: the records' contents (no compression is configured, so content does not matter). */
    private static byte[] filler() {
        Random random = new Random(1);
        byte[] b = new byte[2 * 1024 * 1024];
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\":,{}";
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return b;
    }

    static List<int[]> sizes(Path file) throws IOException {
        List<int[]> sizes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] p = line.strip().split(" ");
            if (p.length == 3) {
                sizes.add(new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])});
            }
        }
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("no sizes in " + file);
        }
        return sizes;
    }

    private static void result(String role, int count, long first, long last) {
        String[] stat = Proc.stat(ProcessHandle.current().pid());
        long cpu = stat == null ? -1 : Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
        long[] mem = Proc.memory(ProcessHandle.current().pid());
        System.out.printf("RESULT {\"role\":\"%s\",\"count\":%d,\"firstAt\":%d,\"lastAt\":%d,\"cpuTicks\":%d,\"ticksPerSecond\":%d,\"hwmKb\":%d}%n",
                role, count, first, last, cpu, Proc.TICKS, mem[1]);
        System.out.flush();
    }
}
