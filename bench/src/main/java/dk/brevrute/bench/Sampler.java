package dk.brevrute.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches the running system once a second: CPU ticks and memory of every component (from /proc),
 * every two seconds the services' consumer lag per topic (committed offsets against the log end,
 * through the Kafka admin client) and a few gauges from the services' /q/metrics. Keeps the whole
 * timeline; phases take snapshots at their start and end.
 */
final class Sampler implements AutoCloseable {

    static final List<String> GROUPS = List.of("letter-intake", "routing-service", "eboks-gateway", "print-center-service", "savings-ledger");
    /** service → metric names read from its /q/metrics (gauges: the value at that moment). */
    static final Map<String, List<String>> GAUGES = Map.of(
            "eboks-gateway", List.of("gateway_deliveries_in_flight"),
            "print-center-service", List.of("print_letters_waiting"));

    /**
     * One moment: components' usage, lag by "group topic", gauges by "service metric", and the whole
     * machine's busy and total CPU ticks (/proc/stat) with its 1-minute load average: on a shared
     * machine, what everybody else used.
     */
    record Tick(long at, Map<String, Proc.Usage> usage, Map<String, Long> lag, Map<String, Double> gauges, long machineBusyTicks,
            long machineTotalTicks, double load1) {
    }

    private final LocalSystem system;
    private final Supplier<Map<String, List<Long>>> roots;
    private final Admin admin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final List<Tick> ticks = new ArrayList<>();
    private final Map<String, Long> peakPss = new HashMap<>();
    private volatile boolean running = true;
    private Thread thread;

    /** {@code roots}: component → its PIDs and whether to count the whole process tree (postgres: true). */
    Sampler(LocalSystem system, Supplier<Map<String, List<Long>>> roots) {
        this.system = system;
        this.roots = roots;
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrap());
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "brevrute-bench-sampler");
        this.admin = Admin.create(p);
    }

    void start() {
        thread = new Thread(this::loop, "bench-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        int n = 0;
        while (running) {
            long started = System.currentTimeMillis();
            try {
                boolean slow = n++ % 2 == 0;
                long[] machine = Proc.machineTicks();
                Tick t = new Tick(started, usage(), slow ? lag() : Map.of(), slow ? gauges() : Map.of(), machine[0], machine[1], Proc.load1());
                synchronized (this) {
                    ticks.add(t);
                    t.usage().forEach((k, u) -> peakPss.merge(k, u.pssKb(), Math::max));
                }
            } catch (RuntimeException e) {
                // a component restarting or going away: skip this tick
            }
            long wait = 1000 - (System.currentTimeMillis() - started);
            if (wait > 0) {
                LocalSystem.sleep(wait);
            }
        }
    }

    /** Usage of every component now. */
    Map<String, Proc.Usage> usage() {
        Map<Long, List<Long>> children = Proc.children();
        Map<String, Proc.Usage> result = new LinkedHashMap<>();
        roots.get().forEach((name, pids) -> {
            if (!pids.isEmpty()) {
                result.put(name, Proc.usage(pids, name.equals("postgres"), children));
            }
        });
        return result;
    }

    /** Consumer lag of the services' groups, per group and topic (internal and bench topics left out). */
    Map<String, Long> lag() {
        Map<String, Long> result = new LinkedHashMap<>();
        try {
            Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
            GROUPS.forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
            var all = admin.listConsumerGroupOffsets(specs);
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
            for (String g : GROUPS) {
                Map<TopicPartition, OffsetAndMetadata> offsets = all.partitionsToOffsetAndMetadata(g).get(5, TimeUnit.SECONDS);
                committed.put(g, offsets);
                offsets.keySet().forEach(tp -> ends.put(tp, OffsetSpec.latest()));
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = admin.listOffsets(ends).all().get(5, TimeUnit.SECONDS);
            committed.forEach((g, offsets) -> offsets.forEach((tp, om) -> {
                if (om == null || tp.topic().endsWith(".dlq")) {
                    return;
                }
                long lag = Math.max(0, end.get(tp).offset() - om.offset());
                result.merge(g + " " + tp.topic(), lag, Long::sum);
            }));
        } catch (Exception e) {
            // broker busy: no lag this tick
        }
        return result;
    }

    private Map<String, Double> gauges() {
        Map<String, Double> result = new LinkedHashMap<>();
        GAUGES.forEach((service, names) -> {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(system.url(service) + "/q/metrics"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                for (String line : r.body().split("\n")) {
                    for (String name : names) {
                        if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                            result.merge(service + " " + name, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
                        }
                    }
                }
            } catch (Exception e) {
                // not answering this second
            }
        });
        return result;
    }

    synchronized List<Tick> ticks(long from, long to) {
        return ticks.stream().filter(t -> t.at() >= from && t.at() <= to).toList();
    }

    synchronized List<Tick> allTicks() {
        return List.copyOf(ticks);
    }

    synchronized Map<String, Long> peakPss() {
        return Map.copyOf(peakPss);
    }

    /**
     * Between two times: the machine's busy share (% of all CPUs), the share this run's processes
     * used, and the mean 1-minute load average; empty when fewer than two ticks fall in between.
     */
    synchronized Map<String, Object> machine(long from, long to, java.util.Set<String> ours) {
        List<Tick> in = ticks.stream().filter(t -> t.at() >= from && t.at() <= to && t.machineTotalTicks() > 0).toList();
        if (in.size() < 2) {
            return Map.of();
        }
        Tick a = in.get(0);
        Tick b = in.get(in.size() - 1);
        double total = b.machineTotalTicks() - a.machineTotalTicks();
        double busy = b.machineBusyTicks() - a.machineBusyTicks();
        double mine = 0;
        for (String name : ours) {
            Proc.Usage ua = a.usage().get(name);
            Proc.Usage ub = b.usage().get(name);
            if (ua != null && ub != null) {
                mine += ub.cpuTicks() - ua.cpuTicks();
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("busyPercent", Bench.round(busy / total * 100));
        m.put("thisRunPercent", Bench.round(mine / total * 100));
        m.put("othersPercent", Bench.round(Math.max(0, busy - mine) / total * 100));
        m.put("meanLoadAverage1m", Bench.round(in.stream().mapToDouble(Tick::load1).average().orElse(0)));
        return m;
    }

    /** The usage of the tick nearest to {@code at}, or null before the first tick. */
    synchronized Map<String, Proc.Usage> usageAt(long at) {
        Tick best = null;
        for (Tick t : ticks) {
            if (best == null || Math.abs(t.at() - at) < Math.abs(best.at() - at)) {
                best = t;
            }
        }
        return best == null ? null : best.usage();
    }

    /** Largest lag per "group topic" seen between the two times. */
    synchronized Map<String, Long> maxLag(long from, long to) {
        Map<String, Long> max = new LinkedHashMap<>();
        for (Tick t : ticks) {
            if (t.at() >= from && t.at() <= to) {
                t.lag().forEach((k, v) -> max.merge(k, v, Math::max));
            }
        }
        return max;
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            try {
                thread.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        admin.close(Duration.ofSeconds(3));
    }
}
