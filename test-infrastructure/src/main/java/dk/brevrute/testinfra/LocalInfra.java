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

    public static void main(String[] args) throws Exception {
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
