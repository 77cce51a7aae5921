package dk.brevrute.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dk.brevrute.testinfra.BrevruteInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole system as separate processes, a mixed mailing of {@link Mailings#LETTERS} letters per
 * scenario, and something breaking while it runs. After each scenario the table is printed and
 * checked at every destination: 0 lost, 0 delivered twice, the ledger booked exactly what was
 * delivered. {@code -Dbrevrute.e2e.letters=20000 -Dbrevrute.e2e.outage=PT2M} for the big run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultScenariosTest {

    static Cluster cluster;

    @BeforeAll
    static void start() {
        cluster = Cluster.shared();
    }

    @AfterEach
    void simulatorBackToNormal() {
        cluster.send("sf1601-simulator", "DELETE", "/admin/outage", null, "");
        cluster.send("sf1601-simulator", "PUT", "/admin/faults", null, "{\"errorRate\": 0, \"latencyMillis\": 30}");
    }

    @Test
    @Order(1)
    void aMixedMailingArrivesOnceAtTheRightPlaceAndTheMetricsShowIt() throws Exception {
        Map<String, Double> before = Metrics.scrapeAll(cluster);
        Mailings.mailAndCheck(cluster, "no faults: every letter at its destination", Mailings.LETTERS, running -> {
        });
        Metrics.assertMovedAndQueriedExist(before, Metrics.scrapeAll(cluster));
    }

    @Test
    @Order(2)
    void killingEachServiceInTurnLosesNothingAndSendsNothingTwice() throws Exception {
        Mailings.mailAndCheck(cluster, "kill -9 each service in turn", Mailings.LETTERS, running -> {
            double[] at = {0.15, 0.35, 0.55, 0.75, 0.95};
            List<String> services = Cluster.SERVICES;
            for (int i = 0; i < services.size(); i++) {
                running.awaitSent(at[i]);
                long t = running.seconds();
                cluster.killAndRestart(services.get(i));
                System.out.printf("  [%3d s] %s killed with SIGKILL, started again and ready after %d s%n", t, services.get(i),
                        running.seconds() - t);
            }
        });
    }

    @Test
    @Order(3)
    void restartingTheKafkaBrokerLosesNothingAndSendsNothingTwice() throws Exception {
        Mailings.mailAndCheck(cluster, "Kafka broker restarted", Mailings.LETTERS, running -> {
            running.awaitSent(0.4);
            long t = running.seconds();
            BrevruteInfrastructure.restartKafka(Duration.ofSeconds(5));
            System.out.printf("  [%3d s] the broker stopped, 5 s down, started again (%d s in all)%n", t, running.seconds() - t);
        });
    }

    @Test
    @Order(4)
    void restartingPostgresqlLosesNothingAndSendsNothingTwice() throws Exception {
        Mailings.mailAndCheck(cluster, "PostgreSQL crashed and restarted", Mailings.LETTERS, running -> {
            running.awaitSent(0.4);
            long t = running.seconds();
            BrevruteInfrastructure.restartPostgres(Duration.ofSeconds(5));
            System.out.printf("  [%3d s] PostgreSQL crashed (immediate shutdown), 5 s down, started again (%d s in all)%n", t,
                    running.seconds() - t);
        });
    }

    @Test
    @Order(5)
    void digitalPostFailingAndThenDownLosesNothingAndSendsNothingTwice() throws Exception {
        Mailings.mailAndCheck(cluster, "SF1601 with 30 % errors, then an outage of " + Mailings.OUTAGE.toSeconds() + " s",
                Mailings.LETTERS, running -> {
                    cluster.send("sf1601-simulator", "PUT", "/admin/faults", null, "{\"errorRate\": 0.3}");
                    running.awaitSent(0.5);
                    long t = running.seconds();
                    cluster.send("sf1601-simulator", "POST", "/admin/outage", null,
                            "{\"seconds\": " + Mailings.OUTAGE.toSeconds() + "}");
                    System.out.printf("  [%3d s] SF1601 answering 30 %% errors since the start; now down for %d s%n", t,
                            Mailings.OUTAGE.toSeconds());
                    sleep(Mailings.OUTAGE);
                    cluster.send("sf1601-simulator", "PUT", "/admin/faults", null, "{\"errorRate\": 0}");
                    System.out.printf("  [%3d s] SF1601 back, no more errors%n", running.seconds());
                });
    }

    @Test
    @Order(6)
    void twoReplicasOfEveryServiceShareTheWorkAndLosingOneLosesNothing() throws Exception {
        List<String> replicas = cluster.startSecondReplicas(Cluster.SERVICES);
        System.out.printf("  a second replica of every service started: %s%n", replicas);
        Map<String, Long> work = new java.util.LinkedHashMap<>();
        Mailings.mailAndCheck(cluster, "two replicas of every service, the second ones killed with SIGKILL mid-mailing",
                Mailings.LETTERS, running -> {
                    running.awaitDelivered(Mailings.LETTERS * 4 / 10);
                    long t = running.seconds();
                    replicas.forEach(cluster::kill);
                    System.out.printf("  [%3d s] the second replicas killed with SIGKILL (consumer groups rebalance, their "
                            + "claims and timers fall to the first replicas)%n", t);
                    work.put("routing-service#2: letters routed", cluster.logLines("routing-service#2", " routed "));
                    work.put("eboks-gateway#2: letters delivered", cluster.logLines("eboks-gateway#2", " delivered to Digital Post"));
                });
        System.out.printf("  work done by the second replicas before they were killed: %s%n", work);
        // The replicas took part: each consumer group gave the second routing replica partitions, and the
        // gateways claimed due letters side by side.
        work.forEach((what, count) -> org.junit.jupiter.api.Assertions.assertTrue(count > 0, what + ": " + count));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
