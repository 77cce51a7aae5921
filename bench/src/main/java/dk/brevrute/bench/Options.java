package dk.brevrute.bench;

import java.nio.file.Path;
import java.util.List;

/** Command-line options of the benchmark; every one has a default (see USAGE). */
record Options(
        int letters,
        int restLetters,
        int restClients,
        double latencyRate,
        int latencySeconds,
        int rawRecords,
        Integer partitions,
        long seed,
        Path out,
        Path data,
        boolean keepData,
        List<String> readyProbe,
        int phaseTimeoutSeconds,
        int pdfThreads,
        int idleSeconds,
        List<String> command) {

    static final String USAGE = """
            usage: bench/run [--letters N] [--rest-letters N] [--rest-clients N] [--latency-rate R] [--latency-seconds S]
                             [--raw-records N] [--partitions P] [--seed N] [--out DIR] [--data DIR] [--keep-data]
                             [--ready-probe all|none|SERVICE,...] [--phase-timeout SECONDS] [--pdf-threads N] [--idle-seconds S]
              --letters          mass mailing on the Kafka intake (default 100000)
              --rest-letters     mass mailing over REST (default: a tenth of --letters)
              --rest-clients     concurrent REST clients (default 8)
              --latency-rate     background rate of the latency phase, letters/s (default 200)
              --latency-seconds  length of the latency phase (default 60)
              --raw-records      records through the raw-Kafka chain (default: --letters, at least 20000)
              --partitions       partitions per topic (default: bin/brevrute's, 6)
              --out              results folder (default bench/target/results/<time>)
              --data             the system's data folder, empty or missing (default <out>/data; deleted at the end unless --keep-data)
              --ready-probe      services to restart alone at the end to time their start-up (default all; none skips it;
                                 --no-ready-probe is the same as none)
              --phase-timeout    give up waiting for a phase after this many seconds (default 3600)
              --idle-seconds     idle baseline before the first phase: each component's CPU with nothing to do (default 20)""";

    static Options parse(String... args) {
        int letters = 100_000;
        Integer restLetters = null;
        int restClients = 8;
        double latencyRate = 200;
        int latencySeconds = 60;
        Integer rawRecords = null;
        Integer partitions = null;
        long seed = 20_091_214L;
        Path out = null;
        Path data = null;
        boolean keepData = false;
        List<String> readyProbe = LocalSystem.SERVICES;
        int phaseTimeout = 3600;
        int pdfThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
        int idleSeconds = 20;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--keep-data" -> {
                    keepData = true;
                    continue;
                }
                case "--no-ready-probe" -> {
                    readyProbe = List.of();
                    continue;
                }
                default -> {
                }
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            String v = args[++i];
            switch (arg) {
                case "--letters" -> letters = Integer.parseInt(v);
                case "--rest-letters" -> restLetters = Integer.parseInt(v);
                case "--rest-clients" -> restClients = Integer.parseInt(v);
                case "--latency-rate" -> latencyRate = Double.parseDouble(v);
                case "--latency-seconds" -> latencySeconds = Integer.parseInt(v);
                case "--raw-records" -> rawRecords = Integer.parseInt(v);
                case "--partitions" -> partitions = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--out" -> out = Path.of(v);
                case "--data" -> data = Path.of(v);
                case "--phase-timeout" -> phaseTimeout = Integer.parseInt(v);
                case "--pdf-threads" -> pdfThreads = Integer.parseInt(v);
                case "--idle-seconds" -> idleSeconds = Integer.parseInt(v);
                case "--ready-probe" -> readyProbe = switch (v) {
                    case "all" -> LocalSystem.SERVICES;
                    case "none" -> List.of();
                    default -> {
                        List<String> list = List.of(v.split(","));
                        if (!LocalSystem.SERVICES.containsAll(list)) {
                            throw new IllegalArgumentException("--ready-probe: all, none or some of " + LocalSystem.SERVICES);
                        }
                        yield list;
                    }
                };
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        int rest = restLetters != null ? restLetters : Math.max(1, letters / 10);
        int raw = rawRecords != null ? rawRecords : Math.max(letters, 20_000);
        if (letters < 1 || rest < 0 || restClients < 1 || latencyRate < 0 || latencySeconds < 0 || raw < 0 || phaseTimeout < 1 || idleSeconds < 0) {
            throw new IllegalArgumentException("sizes must be positive (--rest-letters, --latency-seconds and --raw-records may be 0)");
        }
        if (out == null) {
            out = Path.of("target", "results", java.time.LocalDateTime.now().withNano(0).toString().replace(':', '-'));
        }
        return new Options(letters, rest, restClients, latencyRate, latencySeconds, raw, partitions, seed, out.toAbsolutePath(),
                data == null ? null : data.toAbsolutePath(), keepData, readyProbe, phaseTimeout, pdfThreads, idleSeconds, List.of(args));
    }

    int latencyLetters() {
        return (int) Math.round(latencyRate * latencySeconds);
    }
}
