package dk.brevrute.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The raw-Kafka limit of the pipeline's path from intake to ledger: as many hops as letters take
 * (requested → submitted → routed → delivered → consumed by the ledger), each stage its own JVM like
 * each service (-Xmx256m, SerialGC), on the same broker, with the same partitions, record sizes and
 * producer settings, and no business logic: producer → relay → relay → relay → consumer.
 */
final class RawChain {

    /** Topics of the chain in order, with the pipeline topic whose record sizes each one copies. */
    static final List<String> PIPELINE_TOPICS = List.of("letters.requested.<dept>.v1", "letters.submitted.v1", "letters.routed.v1",
            "letters.delivered.v1");

    record Stage(String role, int count, long firstAt, long lastAt, double cpuSeconds, long hwmKb) {
    }

    record Result(int records, int hops, int partitions, Map<String, Double> meanRecordBytes, long firstAt, long lastAt,
            double recordsPerSecond, List<Stage> stages) {
        double seconds() {
            return (lastAt - firstAt) / 1000.0;
        }
    }

    private RawChain() {
    }

    /**
     * @param sizes per pipeline topic (in {@link #PIPELINE_TOPICS} order) the sampled record sizes
     */
    static Result run(String bootstrap, List<Tracker.SizeSample> sizes, int records, int partitions, String classpath, Path work,
            String runId) throws Exception {
        Files.createDirectories(work);
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            topics.add("bench.raw-" + runId + ".hop" + (i + 1) + ".v1");
        }
        List<Path> sizeFiles = new ArrayList<>();
        Map<String, Double> means = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            Tracker.SizeSample s = sizes.get(i);
            if (s.kept.isEmpty()) {
                throw new IllegalStateException("no record sizes sampled for " + PIPELINE_TOPICS.get(i));
            }
            Path f = work.resolve("sizes-hop" + (i + 1) + ".txt");
            StringBuilder sb = new StringBuilder();
            for (int[] k : s.kept) {
                sb.append(k[0]).append(' ').append(k[1]).append(' ').append(k[2]).append('\n');
            }
            Files.writeString(f, sb);
            sizeFiles.add(f);
            means.put(PIPELINE_TOPICS.get(i), s.meanValue() + s.meanKey() + s.meanHeaders());
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            List<NewTopic> create = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int maxBytes = i == 0 ? 1_500_000 : 1024 * 1024;
                create.add(new NewTopic(topics.get(i), partitions, (short) 1).configs(Map.of("max.message.bytes", String.valueOf(maxBytes))));
            }
            admin.createTopics(create).all().get(60, TimeUnit.SECONDS);
            try {
                return chain(bootstrap, topics, sizeFiles, records, partitions, classpath, work, means, runId);
            } finally {
                admin.deleteTopics(topics).all().get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static Result chain(String bootstrap, List<String> topics, List<Path> sizeFiles, int records, int partitions, String classpath,
            Path work, Map<String, Double> means, String runId) throws Exception {
        List<Process> processes = new ArrayList<>();
        try {
            List<List<String>> downstream = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                downstream.add(List.of("relay", bootstrap, topics.get(i), topics.get(i + 1), "bench-raw-" + runId + "-relay" + (i + 1),
                        String.valueOf(records), sizeFiles.get(i + 1).toString()));
            }
            downstream.add(List.of("consume", bootstrap, topics.get(3), "bench-raw-" + runId + "-consumer", String.valueOf(records)));
            List<CompletableFuture<String>> results = new ArrayList<>();
            List<CompletableFuture<Void>> ready = new ArrayList<>();
            for (int i = 0; i < downstream.size(); i++) {
                Process proc = start(classpath, downstream.get(i), work.resolve("stage" + (i + 1) + ".log"));
                processes.add(proc);
                CompletableFuture<Void> r = new CompletableFuture<>();
                ready.add(r);
                results.add(read(proc, r));
            }
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(3, TimeUnit.MINUTES);
            Process producer = start(classpath, List.of("produce", bootstrap, topics.get(0), String.valueOf(records),
                    sizeFiles.get(0).toString()), work.resolve("stage0.log"));
            processes.add(0, producer);
            CompletableFuture<Void> none = new CompletableFuture<>();
            results.add(0, read(producer, none));
            List<Stage> stages = new ArrayList<>();
            for (CompletableFuture<String> f : results) {
                JsonNode j = Requests.JSON.readTree(f.get(20, TimeUnit.MINUTES));
                stages.add(new Stage(j.path("role").asText(), j.path("count").asInt(), j.path("firstAt").asLong(), j.path("lastAt").asLong(),
                        j.path("cpuTicks").asLong() / (double) j.path("ticksPerSecond").asLong(100), j.path("hwmKb").asLong()));
            }
            Stage first = stages.get(0);
            Stage last = stages.get(stages.size() - 1);
            if (last.count() < records) {
                throw new IllegalStateException("raw chain: only " + last.count() + " of " + records + " records reached the end");
            }
            double seconds = Math.max(0.001, (last.lastAt() - first.firstAt()) / 1000.0);
            return new Result(records, 4, partitions, means, first.firstAt(), last.lastAt(), records / seconds, stages);
        } finally {
            for (Process proc : processes) {
                if (proc.isAlive()) {
                    proc.destroyForcibly();
                }
            }
            for (Process proc : processes) {
                proc.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Process start(String classpath, List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx256m", "-XX:+UseSerialGC",
                "-Dslf4j.internal.verbosity=ERROR", "-cp", classpath, RawStage.class.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return pb.start();
    }

    /** The system's Java (bench/run passes bin/brevrute's choice), else the bench's own. */
    static String javaBin() {
        String system = System.getProperty("bench.system-java");
        return system != null && !system.isBlank() ? system : Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** "VM name runtime version" of a java binary, as {@code -XshowSettings:properties} reports them; null if it cannot tell. */
    static String describeJava(String javaBin) {
        try {
            Process p = new ProcessBuilder(javaBin, "-XshowSettings:properties", "-version").redirectErrorStream(true).start();
            Map<String, String> props = new LinkedHashMap<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    int eq = line.indexOf(" = ");
                    if (eq > 0) {
                        props.putIfAbsent(line.substring(0, eq).trim(), line.substring(eq + 3).trim());
                    }
                }
            }
            p.waitFor(30, TimeUnit.SECONDS);
            String vm = props.get("java.vm.name");
            String version = props.get("java.runtime.version");
            return vm == null || version == null ? null : vm + " " + version;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Completes {@code ready} at READY and the returned future with the RESULT JSON. */
    private static CompletableFuture<String> read(Process proc, CompletableFuture<Void> ready) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.equals("READY")) {
                        ready.complete(null);
                    } else if (line.startsWith("RESULT ")) {
                        result.complete(line.substring(7));
                    }
                }
                int code = proc.waitFor();
                result.completeExceptionally(new IllegalStateException("raw stage exited with " + code + " without a result"));
                ready.completeExceptionally(new IllegalStateException("raw stage exited with " + code + " before it was ready"));
            } catch (Exception e) {
                result.completeExceptionally(e);
                ready.completeExceptionally(e);
            }
        }, "bench-raw-reader");
        t.setDaemon(true);
        t.start();
        return result;
    }
}
