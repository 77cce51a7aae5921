package dk.brevrute.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import dk.brevrute.demo.DemoMailing;
import dk.brevrute.demo.Options;
import dk.brevrute.demo.Tally;

/**
 * The demo's mailing (its mix of departments, channels, address-only and unaddressable letters,
 * invalid requests, half over REST, half on Kafka) sent to the {@link Cluster} while a scenario
 * breaks things, then audited at every destination ({@link Audit}) and checked: nothing lost,
 * nothing twice, the ledger booked what was delivered.
 */
final class Mailings {

    /** Letters per scenario; {@code -Dbrevrute.e2e.letters=20000} for the big run. */
    static final int LETTERS = Integer.getInteger("brevrute.e2e.letters", 1000);
    /** The simulator's outage; {@code -Dbrevrute.e2e.outage=PT2M} for the big run. */
    static final Duration OUTAGE = Duration.parse(System.getProperty("brevrute.e2e.outage", "PT20S"));

    private Mailings() {
    }

    /** A mailing in progress, for the scenario's fault injection. */
    record Running(DemoMailing mailing, int letters, Instant started) {

        /** Waits until {@code share} of the requests are sent (or the mailing has finished sending). */
        void awaitSent(double share) {
            awaitUntil(() -> mailing.sent() >= share * letters, "sent " + share * 100 + " %");
        }

        /** Waits until some accepted letters have reached a digital mailbox or paper. */
        void awaitDelivered(int letters) {
            awaitUntil(() -> {
                Tally.Counts c = mailing.counts();
                return c.digital() + c.paper() >= letters;
            }, letters + " letters delivered");
        }

        private void awaitUntil(BooleanSupplier condition, String what) {
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("waited 10 minutes for " + what);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }

        long seconds() {
            return Duration.between(started, Instant.now()).toSeconds();
        }
    }

    /**
     * Sends {@code letters} letters, runs {@code faults} meanwhile (on this thread), waits for the
     * mailing to drain, audits it, prints the scenario's table and asserts it.
     */
    static Audit.Report mailAndCheck(Cluster cluster, String scenario, int letters, Consumer<Running> faults) throws Exception {
        List<String> args = new ArrayList<>(List.of("--letters", Integer.toString(letters), "--clients", "4",
                "--seed", Integer.toString(Math.abs(scenario.hashCode())), "--data", cluster.demoData().toString(),
                "--kafka", cluster.infra().bootstrapServers(), "--timeout", Integer.toString(Math.max(300, letters / 5))));
        for (String name : Cluster.ALL) {
            args.add("--port");
            args.add(name + "=" + cluster.port(name));
        }
        DemoMailing mailing = DemoMailing.create(Options.parse(args.toArray(String[]::new)));
        System.out.printf("%n--- scenario: %s (%d letters) ---%n", scenario, letters);
        Instant started = Instant.now();
        CompletableFuture<DemoMailing.Result> done = CompletableFuture.supplyAsync(() -> {
            try {
                return mailing.run();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        Running running = new Running(mailing, letters, started);
        faults.accept(running);
        DemoMailing.Result result = done.get(20, TimeUnit.MINUTES);
        Duration drain = Duration.between(started, Instant.now());

        // The ledger books from the same events a little later: audit until it has caught up (or 60 s).
        Audit.Report report = Audit.of(cluster, scenario, result.referencePrefix(), drain);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!report.ledgerMismatch().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            report = Audit.of(cluster, scenario, result.referencePrefix(), drain);
        }
        System.out.println(report.table());

        Audit.Report r = report;
        assertTrue(result.addsUp(), scenario + ": the demo's own summary adds up (accepted + rejected = sent, "
                + "rejected = the invalid requests, nothing pending): " + result.requests() + " sent (" + result.sendErrors()
                + " send errors, " + result.invalidRequests() + " invalid), " + result.counts() + " after "
                + result.elapsed().toSeconds() + " s; unsettled letters " + result.unsettled() + "; audit " + r.examples());
        assertEquals(result.counts().accepted(), r.accepted(), scenario + ": accepted letters found on letters.submitted.v1");
        assertEquals(List.of(), r.lost(), scenario + ": lost letters " + r.examples());
        assertEquals(List.of(), r.twice(), scenario + ": letters delivered twice " + r.examples());
        assertEquals(List.of(), r.ledgerMismatch(), scenario + ": letters whose bookings differ from their deliveries " + r.examples());
        int failed = r.failedByReason().values().stream().mapToInt(Integer::intValue).sum();
        int both = r.digital() + r.paper() - (r.accepted() - r.cancelled() - failed);
        assertTrue(both >= 0 && both <= r.unreadDeadline() + r.digitalFailedByKind().getOrDefault("DEADLINE", 0),
                scenario + ": digital + paper = accepted - cancelled - failed + letters recorded in both channels ("
                        + r.digital() + " + " + r.paper() + " vs " + r.accepted() + " - " + r.cancelled() + " - " + failed + ")");
        assertTrue(r.failedByReason().containsKey("NO_ADDRESS") || letters < 100,
                scenario + ": the mailing exercised letters the print path cannot address: " + r.failedByReason());
        System.out.printf("%s: %s%n", scenario, r.failedByReason().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", "failed with a reason: ", "")));
        return r;
    }
}
