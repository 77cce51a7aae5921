package dk.brevrute.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The numbers of a phase, the targets of issue #14, and the Markdown view of results.json. */
final class Report {

    private Report() {
    }

    // --- a phase -------------------------------------------------------------------------------

    static Map<String, Object> phase(String name, List<Tracker.View> views, Senders.Result sent, boolean finished, long ledgerAt,
            long start, long end, Map<String, Proc.Usage> cpuBefore, Map<String, Proc.Usage> cpuAfter, Map<String, Double> idlePerSecond,
            Map<String, Long> maxLag, double pacedRate, java.util.function.LongFunction<Map<String, Proc.Usage>> usageAt) {
        long first = Long.MAX_VALUE;
        long lastSubmit = 0;
        long lastAccepted = 0;
        long lastRouted = 0;
        long lastDigital = 0;
        long lastPrint = 0;
        long lastFinished = 0;
        int accepted = 0;
        int rejected = 0;
        int routed = 0;
        int digital = 0;
        int print = 0;
        int failed = 0;
        int finishedCount = 0;
        int sendFailed = 0;
        List<Long> toAccepted = new ArrayList<>();
        List<Long> acceptedAt = new ArrayList<>();
        List<Long> toRouted = new ArrayList<>();
        List<Long> toDigital = new ArrayList<>();
        List<Long> digitalAt = new ArrayList<>();
        List<Long> toPrint = new ArrayList<>();
        List<Long> response = new ArrayList<>();
        Map<String, Integer> routes = new TreeMap<>();
        for (Tracker.View v : views) {
            Tracker.Sent s = v.sent();
            if (s.sendFailed) {
                sendFailed++;
            }
            if (s.submittedAt == 0) {
                continue;
            }
            first = Math.min(first, s.submittedAt);
            lastSubmit = Math.max(lastSubmit, s.submittedAt);
            if (s.respondedAt > 0) {
                response.add(s.respondedAt - s.submittedAt);
            }
            if (v.rejected()) {
                rejected++;
            }
            if (v.accepted()) {
                accepted++;
                lastAccepted = Math.max(lastAccepted, s.acceptedAt);
                toAccepted.add(s.acceptedAt - s.submittedAt);
                acceptedAt.add(s.acceptedAt);
            }
            Tracker.Fate f = v.fate();
            if (f != null && f.routings > 0) {
                routed++;
                lastRouted = Math.max(lastRouted, f.routedAt);
                toRouted.add(f.routedAt - s.submittedAt);
                routes.merge(f.channel + "/" + f.reason, 1, Integer::sum);
            }
            if (f != null) {
                Tracker.Delivery d = f.delivered.get("DIGITAL");
                if (d != null) {
                    digital++;
                    lastDigital = Math.max(lastDigital, d.firstAt);
                    toDigital.add(d.firstAt - s.submittedAt);
                    digitalAt.add(d.firstAt);
                }
                Tracker.Delivery p = f.delivered.get("PRINT");
                if (p != null) {
                    print++;
                    lastPrint = Math.max(lastPrint, p.firstAt);
                    toPrint.add(p.firstAt - s.submittedAt);
                }
                if (f.failedAt != 0) {
                    failed++;
                }
            }
            if (v.finished()) {
                finishedCount++;
                lastFinished = Math.max(lastFinished, v.finishedAt());
            }
        }
        if (first == Long.MAX_VALUE) {
            first = start;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("letters", views.size());
        m.put("handedOver", sent.sent.get());
        m.put("sendFailures", sendFailed);
        m.put("finishedInTime", finished);
        if (pacedRate > 0) {
            m.put("pacedRatePerSecond", pacedRate);
        }
        m.put("accepted", accepted);
        m.put("rejected", rejected);
        m.put("routed", routed);
        m.put("deliveredDigital", digital);
        m.put("deliveredPrint", print);
        m.put("failed", failed);
        m.put("routes", routes);
        Map<String, Object> seconds = new LinkedHashMap<>();
        seconds.put("sending", secs(lastSubmit - first));
        seconds.put("toLastAccepted", secs(lastAccepted - first));
        seconds.put("toLastRouted", secs(lastRouted - first));
        seconds.put("toLastDigital", secs(lastDigital - first));
        seconds.put("toLastPrint", secs(lastPrint - first));
        seconds.put("toLastFinished", secs(lastFinished - first));
        seconds.put("toLedgerBooked", ledgerAt > 0 ? secs(ledgerAt - first) : -1);
        m.put("secondsFromFirstSubmit", seconds);
        long endToEnd = Math.max(lastFinished, ledgerAt) - first;
        Map<String, Object> rates = new LinkedHashMap<>();
        rates.put("sent", rate(views.size() - sendFailed, lastSubmit - first));
        rates.put("accepted", rate(accepted, lastAccepted - first));
        rates.put("routed", rate(routed, lastRouted - first));
        rates.put("deliveredDigital", rate(digital, lastDigital - first));
        rates.put("delivered", rate(digital + print, Math.max(lastDigital, lastPrint) - first));
        rates.put("endToEnd", rate(accepted, endToEnd));
        rates.put("deliveredDigitalWarm", warmRate(digitalAt));
        m.put("lettersPerSecond", rates);
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("submitToAccepted", Stats.of(toArray(toAccepted)).asMap());
        latency.put("submitToRouted", Stats.of(toArray(toRouted)).asMap());
        latency.put("submitToDeliveredDigital", Stats.of(toArray(toDigital)).asMap());
        latency.put("submitToDeliveredPrint", Stats.of(toArray(toPrint)).asMap());
        if (!response.isEmpty()) {
            latency.put("restResponse", Stats.of(toArray(response)).asMap());
        }
        m.put("latency", latency);
        Map<String, Object> cpu = new LinkedHashMap<>();
        double wall = Math.max(0.001, (end - start) / 1000.0);
        double total = 0;
        double totalAboveIdle = 0;
        double totalJit = 0;
        for (var e : deltas(cpuBefore, cpuAfter).entrySet()) {
            double s = e.getValue().cpuSeconds();
            double jit = e.getValue().jitSeconds();
            total += s;
            totalJit += jit;
            double aboveIdle = Math.max(0, s - idlePerSecond.getOrDefault(e.getKey(), 0.0) * wall);
            totalAboveIdle += aboveIdle;
            cpu.put(e.getKey(), Map.of("cpuSeconds", Bench.round(s), "msPerLetter", accepted == 0 ? 0 : Bench.round(s * 1000 / accepted),
                    "msPerLetterAboveIdle", accepted == 0 ? 0 : Bench.round(aboveIdle * 1000 / accepted),
                    "percentOfOneCore", Bench.round(s / wall * 100), "jitCompilerSeconds", Bench.round(jit)));
        }
        m.put("wallSeconds", Bench.round(wall));
        m.put("cpu", cpu);
        m.put("cpuSecondsAll", Bench.round(total));
        m.put("jitCompilerSecondsAll", Bench.round(totalJit));
        m.put("cpuMsPerLetterAll", accepted == 0 ? 0 : Bench.round(total * 1000 / accepted));
        m.put("cpuMsPerLetterAllAboveIdle", accepted == 0 ? 0 : Bench.round(totalAboveIdle * 1000 / accepted));
        m.put("cpuUtilisationOfMachinePercent", Bench.round(total / wall / Runtime.getRuntime().availableProcessors() * 100));
        m.put("maxConsumerLag", maxLag);
        Map<String, Object> warm = warm(digitalAt, acceptedAt, usageAt);
        if (!warm.isEmpty()) {
            m.put("warm", warm);
        }
        return m;
    }

    static String summaryLine(Map<String, Object> phase) {
        Map<?, ?> rates = (Map<?, ?>) phase.get("lettersPerSecond");
        Map<?, ?> secs = (Map<?, ?>) phase.get("secondsFromFirstSubmit");
        return String.format("%s accepted, %s routed, %s digital + %s paper delivered, %s failed; end to end %s letters/s "
                + "(%s s to the last ledger booking); accepted %s/s, routed %s/s, digital %s/s (warm %s/s)",
                phase.get("accepted"), phase.get("routed"), phase.get("deliveredDigital"), phase.get("deliveredPrint"), phase.get("failed"),
                rates.get("endToEnd"), secs.get("toLedgerBooked"), rates.get("accepted"), rates.get("routed"), rates.get("deliveredDigital"),
                rates.get("deliveredDigitalWarm"));
    }

    /**
     * Digital deliveries per second between the moment half of them had happened and the moment 90 %
     * had: the rate once the JVMs are warm (the JIT compilers have done most of their work by then)
     * and before the tail of the phase; 0 with fewer than 20 deliveries.
     */
    static double warmRate(List<Long> at) {
        if (at.size() < 20) {
            return 0;
        }
        long[] sorted = toArray(at);
        java.util.Arrays.sort(sorted);
        int from = sorted.length / 2;
        int to = sorted.length * 9 / 10;
        return rate(to - from, sorted[to] - sorted[from]);
    }

    /**
     * The phase once the JVMs are warm: between the 50 % and 90 % marks of its digital deliveries
     * (as {@link #warmRate}), the CPU of every process in that window (from the sampler's ticks
     * nearest to its ends) per letter accepted in it, and how much of it the JIT compilers still used.
     */
    static Map<String, Object> warm(List<Long> digitalAt, List<Long> acceptedAt, java.util.function.LongFunction<Map<String, Proc.Usage>> usageAt) {
        if (digitalAt.size() < 20) {
            return Map.of();
        }
        long[] sorted = toArray(digitalAt);
        java.util.Arrays.sort(sorted);
        long from = sorted[sorted.length / 2];
        long to = sorted[sorted.length * 9 / 10];
        long accepted = acceptedAt.stream().filter(t -> t >= from && t < to).count();
        Map<String, Proc.Usage> a = usageAt.apply(from);
        Map<String, Proc.Usage> b = usageAt.apply(to);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fromMs", from);
        m.put("seconds", secs(to - from));
        m.put("deliveredDigitalPerSecond", warmRate(digitalAt));
        m.put("acceptedInWindow", accepted);
        m.put("acceptedPerSecond", rate(accepted, to - from));
        if (a == null || b == null || accepted == 0) {
            return m;
        }
        Map<String, Object> perProcess = new LinkedHashMap<>();
        double all = 0;
        double jit = 0;
        for (var e : deltas(a, b).entrySet()) {
            double cpu = e.getValue().cpuSeconds();
            all += cpu;
            jit += e.getValue().jitSeconds();
            perProcess.put(e.getKey(), Bench.round(cpu * 1000 / accepted));
        }
        m.put("cpuMsPerLetter", perProcess);
        m.put("cpuMsPerLetterAll", Bench.round(all * 1000 / accepted));
        m.put("jitCompilerMsPerLetterAll", Bench.round(jit * 1000 / accepted));
        return m;
    }

    /** CPU and JIT compiler seconds a process used between two snapshots. */
    record Delta(double cpuSeconds, double jitSeconds) {
    }

    /** Per process present in both snapshots, what it used between them. */
    static Map<String, Delta> deltas(Map<String, Proc.Usage> before, Map<String, Proc.Usage> after) {
        Map<String, Delta> d = new LinkedHashMap<>();
        after.forEach((name, u) -> {
            Proc.Usage b = before.get(name);
            if (b != null) {
                d.put(name, new Delta(u.cpuSeconds() - b.cpuSeconds(), u.jitSeconds() - b.jitSeconds()));
            }
        });
        return d;
    }

    private static double secs(long ms) {
        return ms < 0 ? 0 : Bench.round(ms / 1000.0);
    }

    private static double rate(long n, long ms) {
        return ms <= 0 ? 0 : Bench.round(n * 1000.0 / ms);
    }

    private static long[] toArray(List<Long> l) {
        return l.stream().mapToLong(Long::longValue).toArray();
    }

    // --- targets -------------------------------------------------------------------------------

    /** Issue #14's targets against this run's numbers. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> targets(Map<String, Object> report) {
        List<Map<String, Object>> t = new ArrayList<>();
        Map<String, Object> phases = (Map<String, Object>) report.getOrDefault("phases", Map.of());
        Map<String, Object> kafka = (Map<String, Object>) phases.get(Bench.KAFKA);
        Map<String, Object> raw = (Map<String, Object>) report.get("rawChain");
        double kafkaRate = kafka == null ? 0 : num(((Map<String, Object>) kafka.get("lettersPerSecond")).get("endToEnd"));
        t.add(target("≥ 4,000 letters/s end to end, Kafka intake", fmt(kafkaRate) + " letters/s", kafkaRate >= 4000));
        if (raw != null) {
            double rawRate = num(raw.get("recordsPerSecond"));
            double ratio = rawRate == 0 ? 0 : kafkaRate / rawRate * 100;
            t.add(target("≥ 20 % of the raw chain (stretch 35 %)", String.format("%.2f %% of %s records/s", ratio, fmt(rawRate)), ratio >= 20));
        }
        Map<String, Object> latency = (Map<String, Object>) phases.get(Bench.LATENCY);
        if (latency != null) {
            Map<String, Object> l = (Map<String, Object>) ((Map<String, Object>) latency.get("latency")).get("submitToDeliveredDigital");
            long p99 = (long) num(l.get("p99Ms"));
            t.add(target("p99 submit → delivered ≤ 500 ms at " + fmt(num(latency.get("pacedRatePerSecond"))) + " letters/s",
                    p99 + " ms (digital letters; " + l.get("count") + " measured)", p99 <= 500 && num(l.get("count")) > 0));
        }
        Map<String, Object> processes = (Map<String, Object>) report.getOrDefault("processes", Map.of());
        List<String> heap = new ArrayList<>();
        boolean heapOk = true;
        List<String> ready = new ArrayList<>();
        boolean readyOk = true;
        boolean readyMeasured = false;
        for (String s : LocalSystem.SERVICES) {
            Map<String, Object> p = (Map<String, Object>) processes.get(s);
            if (p == null) {
                continue;
            }
            heap.add(s + " " + p.getOrDefault("maxHeap", "?") + " (RSS peak " + p.getOrDefault("peakRssMb", "?") + " MB)");
            heapOk &= "256m".equalsIgnoreCase(String.valueOf(p.get("maxHeap")));
            Object alone = p.get("readyMsAlone");
            if (alone != null) {
                readyMeasured = true;
                ready.add(s + " " + alone + " ms");
                readyOk &= num(alone) >= 0 && num(alone) <= 3000;
            }
        }
        t.add(target("every service runs with -Xmx256m", String.join(", ", heap), heapOk && !heap.isEmpty()));
        if (readyMeasured) {
            t.add(target("ready ≤ 3 s after start (each service alone)", String.join(", ", ready), readyOk));
        }
        Map<String, Object> correctness = (Map<String, Object>) report.get("correctness");
        if (correctness != null) {
            t.add(target("0 lost, 0 delivered twice, ledger exact", "lost " + correctness.get("lost") + ", twice "
                    + correctness.get("deliveredTwice") + ", ledger exact " + correctness.get("ledgerExact"),
                    Boolean.TRUE.equals(correctness.get("passed"))));
        }
        return t;
    }

    private static Map<String, Object> target(String what, String measured, boolean met) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", what);
        m.put("measured", measured);
        m.put("met", met);
        return m;
    }

    static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }

    static String fmt(double d) {
        return d >= 100 ? String.format("%,.0f", d) : String.format("%.1f", d);
    }

    // --- Markdown ------------------------------------------------------------------------------

    /** ", the system on ..." when Kafka and the services ran on another Java than the bench (BENCH_JAVA_HOME). */
    private static String systemJava(Map<String, Object> machine) {
        Object system = machine.get("systemJava");
        return system == null || system.equals(machine.get("java")) ? "" : " (the bench; the system on " + system + ")";
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> report) {
        StringBuilder md = new StringBuilder();
        Map<String, Object> run = (Map<String, Object>) report.getOrDefault("run", Map.of());
        Map<String, Object> machine = (Map<String, Object>) run.getOrDefault("machine", Map.of());
        md.append("# Brevrute benchmark ").append(run.get("id")).append("\n\n");
        md.append("- Command: `").append(run.get("command")).append("`\n");
        md.append("- Machine: ").append(machine.get("cpus")).append(" CPUs, ").append(machine.get("memTotalMb")).append(" MB, ")
                .append(machine.get("java")).append(systemJava(machine)).append(", ").append(machine.get("os")).append("; load average at start ")
                .append(machine.get("loadAverageAtStart")).append("\n");
        md.append("- Started ").append(run.get("startedAt")).append(", finished ").append(report.get("finishedAt")).append("\n\n");

        Map<String, Object> phases = (Map<String, Object>) report.getOrDefault("phases", Map.of());
        Map<String, Object> raw = (Map<String, Object>) report.get("rawChain");
        double rawRate = raw == null ? 0 : num(raw.get("recordsPerSecond"));
        md.append("## Throughput (letters/s; times from the first submit)\n\n");
        md.append("| phase | letters | sending s | accepted/s | routed/s | digital delivered/s | digital delivered/s, warm | delivered/s (all) | "
                + "to last ledger booking s | **end to end/s** | ratio to raw chain |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (var e : phases.entrySet()) {
            Map<String, Object> p = (Map<String, Object>) e.getValue();
            Map<String, Object> r = (Map<String, Object>) p.get("lettersPerSecond");
            Map<String, Object> s = (Map<String, Object>) p.get("secondsFromFirstSubmit");
            double e2e = num(r.get("endToEnd"));
            md.append(String.format("| %s | %s | %s | %s | %s | %s | %s | %s | %s | **%s** | %s |%n", e.getKey(), p.get("letters"), s.get("sending"),
                    fmt(num(r.get("accepted"))), fmt(num(r.get("routed"))), fmt(num(r.get("deliveredDigital"))),
                    fmt(num(r.get("deliveredDigitalWarm"))), fmt(num(r.get("delivered"))),
                    s.get("toLedgerBooked"), fmt(e2e), rawRate == 0 ? "-" : String.format("%.2f %%", e2e / rawRate * 100)));
        }
        if (raw != null) {
            md.append(String.format("%nRaw-Kafka chain (same broker, %s hops, %s processes, %s partitions, mean record bytes %s): "
                    + "**%s records/s** (%s records in %s s).%n", raw.get("hops"), raw.get("processes"), raw.get("partitions"),
                    roundMap((Map<String, Object>) raw.get("meanRecordBytesPerTopic")), fmt(rawRate), raw.get("records"), raw.get("seconds")));
        }

        md.append("\nThe machine during each phase (all CPUs; this run = the system, Kafka, PostgreSQL and the bench): ");
        List<String> machines = new ArrayList<>();
        for (var e : phases.entrySet()) {
            Map<String, Object> m = (Map<String, Object>) ((Map<String, Object>) e.getValue()).getOrDefault("machine", Map.of());
            if (!m.isEmpty()) {
                machines.add(String.format("%s %s %% busy, this run %s %%, others %s %%, load average %s", e.getKey(), m.get("busyPercent"),
                        m.get("thisRunPercent"), m.get("othersPercent"), m.get("meanLoadAverage1m")));
            }
        }
        md.append(machines.isEmpty() ? "not sampled" : String.join("; ", machines)).append(".\n");
        for (var e : phases.entrySet()) {
            Map<String, Object> w = (Map<String, Object>) ((Map<String, Object>) e.getValue()).get("warm");
            if (w != null && w.containsKey("cpuMsPerLetterAll")) {
                md.append(String.format("%nWarm, phase %s (between the 50 %% and 90 %% marks of its digital deliveries, %s s): accepted %s/s, "
                        + "digital delivered %s/s; CPU %s ms per accepted letter, of which JIT compilers %s; per process %s.%n", e.getKey(),
                        w.get("seconds"), fmt(num(w.get("acceptedPerSecond"))), fmt(num(w.get("deliveredDigitalPerSecond"))),
                        w.get("cpuMsPerLetterAll"), w.get("jitCompilerMsPerLetterAll"), w.get("cpuMsPerLetter")));
            }
        }

        md.append("\n## Latency per letter (ms; from the bench's submit to the event's record timestamp)\n\n");
        md.append("| phase | measure | count | p50 | p95 | p99 | max |\n|---|---|---:|---:|---:|---:|---:|\n");
        for (var e : phases.entrySet()) {
            Map<String, Object> lat = (Map<String, Object>) ((Map<String, Object>) e.getValue()).get("latency");
            for (var l : lat.entrySet()) {
                Map<String, Object> v = (Map<String, Object>) l.getValue();
                if (num(v.get("count")) == 0) {
                    continue;
                }
                md.append(String.format("| %s | %s | %s | %s | %s | %s | %s |%n", e.getKey(), l.getKey(), v.get("count"), v.get("p50Ms"),
                        v.get("p95Ms"), v.get("p99Ms"), v.get("maxMs")));
            }
        }

        md.append("\n## CPU and memory per process\n\n");
        List<String> phaseNames = new ArrayList<>(phases.keySet());
        md.append("| process |");
        phaseNames.forEach(p -> md.append(" ").append(p).append(" CPU s (ms/letter / above idle; JIT compiler s) |"));
        md.append(" peak RSS MB | max heap | ready ms (all starting) | ready ms (alone) | Quarkus \"started in\" s |\n|---|");
        phaseNames.forEach(p -> md.append("---:|"));
        md.append("---:|---|---:|---:|---:|\n");
        Map<String, Object> processes = (Map<String, Object>) report.getOrDefault("processes", Map.of());
        TreeSet<String> names = new TreeSet<>();
        for (var e : phases.entrySet()) {
            names.addAll(((Map<String, Object>) ((Map<String, Object>) e.getValue()).get("cpu")).keySet());
        }
        List<String> ordered = new ArrayList<>(LocalSystem.COMPONENTS);
        names.stream().filter(n -> !ordered.contains(n)).forEach(ordered::add);
        for (String n : ordered) {
            md.append("| ").append(n).append(" |");
            for (String p : phaseNames) {
                Map<String, Object> c = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) phases.get(p)).get("cpu")).get(n);
                md.append(c == null ? " - |" : String.format(" %s (%s / %s; %s) |", c.get("cpuSeconds"), c.get("msPerLetter"),
                        c.get("msPerLetterAboveIdle"), c.get("jitCompilerSeconds")));
            }
            Map<String, Object> pr = (Map<String, Object>) processes.getOrDefault(n, Map.of());
            Object rss = pr.containsKey("peakRssMb") ? pr.get("peakRssMb") : pr.containsKey("peakPssMb") ? pr.get("peakPssMb") + " (PSS, all processes)" : "-";
            md.append(String.format(" %s | %s | %s | %s | %s |%n", rss, pr.getOrDefault("maxHeap", "-"), pr.getOrDefault("readyMsConcurrentStart", "-"),
                    pr.getOrDefault("readyMsAlone", "-"), pr.getOrDefault("quarkusStartedInSeconds", "-")));
        }
        md.append("| **all** |");
        for (String p : phaseNames) {
            Map<String, Object> ph = (Map<String, Object>) phases.get(p);
            md.append(String.format(" %s (%s / %s; %s; %.0f %% of the machine) |", ph.get("cpuSecondsAll"), ph.get("cpuMsPerLetterAll"),
                    ph.get("cpuMsPerLetterAllAboveIdle"), ph.get("jitCompilerSecondsAll"), num(ph.get("cpuUtilisationOfMachinePercent"))));
        }
        md.append(" | | | | |\n");
        if (report.get("idleCpuPercentOfOneCore") != null) {
            md.append("\nCPU s per phase, in brackets CPU ms per accepted letter / the same net of the idle baseline (CPU with nothing to do, "
                    + "% of one core: ").append(report.get("idleCpuPercentOfOneCore")).append("; without the JIT compiler threads, which "
                    + "used ").append(report.get("idleJitCompilerPercentOfOneCore")).append(" then) and the CPU s of the JVM's JIT compiler "
                    + "threads (C1 and C2; part of the CPU s, mostly warm-up: it does not grow with the letters once the code is compiled).\n");
        }

        database(md, phases, phaseNames);

        md.append("\n## Largest consumer lag per phase (records committed behind the log end)\n\n");
        md.append("| consumer group and topic |");
        phaseNames.forEach(p -> md.append(" ").append(p).append(" |"));
        md.append("\n|---|");
        phaseNames.forEach(p -> md.append("---:|"));
        md.append("\n");
        TreeSet<String> lagKeys = new TreeSet<>();
        for (String p : phaseNames) {
            lagKeys.addAll(((Map<String, Object>) ((Map<String, Object>) phases.get(p)).get("maxConsumerLag")).keySet());
        }
        for (String k : lagKeys) {
            StringBuilder row = new StringBuilder("| " + k + " |");
            boolean any = false;
            for (String p : phaseNames) {
                Object v = ((Map<String, Object>) ((Map<String, Object>) phases.get(p)).get("maxConsumerLag")).get(k);
                any |= num(v) > 0;
                row.append(" ").append(v == null ? "-" : v).append(" |");
            }
            if (any) {
                md.append(row).append("\n");
            }
        }

        Map<String, Object> correctness = (Map<String, Object>) report.get("correctness");
        if (correctness != null) {
            md.append("\n## Correctness (all phases): ").append(Boolean.TRUE.equals(correctness.get("passed")) ? "PASSED" : "FAILED").append("\n\n");
            md.append("| check | result | detail |\n|---|---|---|\n");
            for (Map<String, Object> c : (List<Map<String, Object>>) correctness.get("checks")) {
                md.append(String.format("| %s | %s | %s |%n", c.get("name"), Boolean.TRUE.equals(c.get("passed")) ? "ok" : "**FAIL**", c.get("detail")));
            }
        }
        List<Map<String, Object>> targets = (List<Map<String, Object>>) report.get("targets");
        if (targets != null) {
            md.append("\n## Targets of issue #14\n\n| target | measured | met |\n|---|---|---|\n");
            for (Map<String, Object> t : targets) {
                md.append(String.format("| %s | %s | %s |%n", t.get("target"), t.get("measured"), Boolean.TRUE.equals(t.get("met")) ? "yes" : "**no**"));
            }
        }
        md.append("\nRoutes (last decision per letter): ");
        List<String> routeParts = new ArrayList<>();
        for (var e : phases.entrySet()) {
            routeParts.add(e.getKey() + " " + ((Map<String, Object>) e.getValue()).get("routes"));
        }
        md.append(String.join("; ", routeParts)).append("\n");
        return md.toString();
    }

/** Commits and statements per accepted letter in each service's database, and each phase's most frequent statements. */
    private static void database(StringBuilder md, Map<String, Object> phases, List<String> phaseNames) {
        Map<String, Map<String, Object>> byPhase = new LinkedHashMap<>();
        for (String p : phaseNames) {
            Object db = ((Map<String, Object>) phases.get(p)).get("database");
            if (db instanceof Map<?, ?> m && !m.isEmpty()) {
                byPhase.put(p, (Map<String, Object>) m);
            }
        }
        if (byPhase.isEmpty()) {
            return;
        }
        md.append("\n## Database work per accepted letter (PostgreSQL's statistics of each service's database)\n\n| database |");
        byPhase.keySet().forEach(p -> md.append(" ").append(p).append(": commits / statements (statement ms) |"));
        md.append("\n|---|");
        byPhase.keySet().forEach(p -> md.append("---:|"));
        md.append("\n");
        for (String service : LocalSystem.SERVICES) {
            if (byPhase.values().stream().noneMatch(m -> m.containsKey(service))) {
                continue;
            }
            md.append("| ").append(service).append(" |");
            for (Map<String, Object> m : byPhase.values()) {
                Map<String, Object> d = (Map<String, Object>) m.get(service);
                md.append(d == null ? " - |" : String.format(" %s / %s (%s) |", d.get("commitsPerLetter"),
                        d.getOrDefault("statementsPerLetter", "-"), d.getOrDefault("statementMsPerLetter", "-")));
            }
            md.append("\n");
        }
        md.append("\nStatements are those pg_stat_statements counted (BEGIN and COMMIT included); statement ms is the server's execution "
                + "time, lock waits included. Commits come from pg_stat_database, which a busy connection reports up to a few seconds "
                + "late. The most frequent statements per letter, first phase:\n\n");
        var first = byPhase.entrySet().iterator().next();
        for (var e : first.getValue().entrySet()) {
            List<Map<String, Object>> top = (List<Map<String, Object>>) ((Map<String, Object>) e.getValue()).getOrDefault("mostFrequent", List.of());
            top.stream().limit(5).forEach(t -> md.append(String.format("- %s: %s × `%s`%n", e.getKey(), t.get("perLetter"), t.get("statement"))));
        }
    }

        private static Map<String, Long> roundMap(Map<String, Object> m) {
        Map<String, Long> r = new LinkedHashMap<>();
        m.forEach((k, v) -> r.put(k, Math.round(num(v))));
        return r;
    }
}
