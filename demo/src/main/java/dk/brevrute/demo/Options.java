package dk.brevrute.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Command-line options of the demo; every one has a default fitting {@code bin/brevrute up}. */
public record Options(
        int letters,
        int restClients,
        long seed,
        Path data,
        String kafka,
        Map<String, Integer> ports,
        Duration timeout) {

    static final String USAGE = """
            usage: DemoMailing [--letters N] [--clients N] [--seed N] [--data DIR] [--kafka HOST:PORT]
                               [--timeout SECONDS] [--port NAME=PORT ...]
              --letters   requests to send (default 2000), about 1 % of them invalid on purpose
              --clients   concurrent REST clients (default 4)
              --data      the local run's data folder (keys/, secrets/; default .brevrute)
              --port      a service's port, e.g. --port letter-intake=8081 (defaults 8081-8085, simulator 8090)
              --timeout   how long to wait for every accepted letter to finish (default 300)
            The citizen-key secret comes from ROUTING_CITIZEN_KEY_SECRET, else <data>/secrets/routing-citizen-key-secret.""";

    public static Options parse(String... args) {
        int letters = 2000;
        int clients = 4;
        long seed = System.currentTimeMillis();
        Path data = Path.of(".brevrute");
        String kafka = "127.0.0.1:9092";
        long timeout = 300;
        Map<String, Integer> ports = new HashMap<>(Map.of(
                "letter-intake", 8081, "routing-service", 8082, "eboks-gateway", 8083,
                "print-center-service", 8084, "savings-ledger", 8085, "sf1601-simulator", 8090));
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            switch (arg) {
                case "--letters" -> letters = Integer.parseInt(value);
                case "--clients" -> clients = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--data" -> data = Path.of(value);
                case "--kafka" -> kafka = value;
                case "--timeout" -> timeout = Long.parseLong(value);
                case "--port" -> {
                    String[] kv = value.split("=", 2);
                    if (kv.length != 2 || !ports.containsKey(kv[0])) {
                        throw new IllegalArgumentException("--port NAME=PORT with NAME one of " + ports.keySet());
                    }
                    ports.put(kv[0], Integer.parseInt(kv[1]));
                }
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
            i++;
        }
        if (letters < 1 || clients < 1 || timeout < 1) {
            throw new IllegalArgumentException("--letters, --clients and --timeout must be positive");
        }
        return new Options(letters, clients, seed, data, kafka, Map.copyOf(ports), Duration.ofSeconds(timeout));
    }

    String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    String publicUrl(String service) {
        return "http://localhost:" + ports.get(service);
    }
}
