package dk.brevrute.testinfra;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

import dk.brevrute.events.Department;

/**
 * The local run's Kafka broker and PostgreSQL server, each as its own background process, with all
 * data under one folder. {@code bin/brevrute up} runs:
 * <pre>
 *   java -cp ... dk.brevrute.testinfra.LocalInfra kafka    &lt;data-dir&gt; &lt;port&gt; &lt;partitions&gt;
 *   java -cp ... dk.brevrute.testinfra.LocalInfra postgres &lt;data-dir&gt; &lt;port&gt; &lt;database&gt;...
 * </pre>
 * Each runs until it receives SIGTERM, then stops its server cleanly; the data stays.
 */
public final class LocalInfra {

    private LocalInfra() {
    }

    /**
     * {@code token <keys-dir> <subject> <department|-> <role[,role...]> [hours]}: prints a token of the
     * local issuer, e.g. for curl, the demo, or the services' own service-to-service calls.
     */
    private static void token(String[] args) {
        if (args.length < 5) {
            System.err.println("usage: LocalInfra token <keys-dir> <subject> <department|-> <role[,role...]> [hours]");
            System.exit(2);
        }
        Tokens tokens = Tokens.in(Paths.get(args[1]));
        String department = args[3].equals("-") ? null : args[3];
        java.util.Map<String, Object> claims = new java.util.LinkedHashMap<>();
        claims.put("sub", args[2]);
        if (department != null) {
            claims.put("department", department);
        }
        claims.put("groups", java.util.List.of(args[4].split(",")));
        long hours = args.length > 5 ? Long.parseLong(args[5]) : 12;
        System.out.println(tokens.sign(claims, java.time.Duration.ofHours(hours), Tokens.ISSUER));
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("token")) {
            token(args);
            return;
        }
        if (args.length < 3) {
            System.err.println("usage: LocalInfra kafka <data-dir> <port> [partitions] | postgres <data-dir> <port> <database>...");
            System.exit(2);
        }
        Path data = Paths.get(args[1]).toAbsolutePath();
        int port = Integer.parseInt(args[2]);
        CountDownLatch stopped = new CountDownLatch(1);
        switch (args[0]) {
            case "kafka" -> {
                int partitions = args.length > 3 ? Integer.parseInt(args[3]) : 6;
                KafkaBroker broker = KafkaBroker.start(data, port);
                int created = TopicCatalogueAdmin.createAll(broker.bootstrapServers(), Department.defaults(), partitions);
                System.out.println("kafka ready on " + broker.bootstrapServers() + " (" + created + " topics created)");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    broker.close();
                    stopped.countDown();
                }));
            }
            case "postgres" -> {
                PostgresServer pg = PostgresServer.start(data, port, false);
                Arrays.stream(args, 3, args.length).forEach(pg::createDatabase);
                System.out.println("postgres ready on 127.0.0.1:" + pg.port() + " databases " + String.join(",", Arrays.copyOfRange(args, 3, args.length)));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (Exception e) {
                        System.err.println("postgres stop: " + e.getMessage());
                    }
                    stopped.countDown();
                }));
            }
            default -> {
                System.err.println("unknown server: " + args[0]);
                System.exit(2);
            }
        }
        stopped.await();
    }
}
