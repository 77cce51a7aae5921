package dk.brevrute.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


/**
 * What an SRE sees: after a mailing, the key metrics on every service's {@code /q/metrics} have
 * moved, and every metric the Grafana dashboard and the alert rules in deploy/ query exists in some
 * service's real output (the deploy module's test lists them in deploy/target/queried-metrics.txt).
 */
final class Metrics {

    /** {@code name{labels} value} or {@code name value}, ignoring comments and exemplars. */
    static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})?\\s+(\\S+)");

    private Metrics() {
    }

    /** Asserts what a mailing between the two scrapes must have moved, and that the dashboards' metrics exist. */
    static void assertMovedAndQueriedExist(Map<String, Double> before, Map<String, Double> after) throws java.io.IOException {
        for (String key : List.of("letter-intake brevrute_letters_accepted_total", "letter-intake brevrute_letters_rejected_total",
                "routing-service brevrute_letters_routed_total", "eboks-gateway gateway_deliveries_total",
                "print-center-service print_letters_handed_over_total", "savings-ledger ledger_bookings_total",
                "routing-service brevrute_events_consumed_total", "letter-intake brevrute_outbox_published_total")) {
            double delta = after.getOrDefault(key, 0.0) - before.getOrDefault(key, 0.0);
            assertTrue(delta > 0, key + " moved during the mailing (before " + before.get(key) + ", after " + after.get(key) + ")");
        }

        Path queried = Paths.get(System.getProperty("brevrute.project.root", "..")).resolve("deploy/target/queried-metrics.txt");
        assertTrue(Files.exists(queried), queried + " is written by the deploy module's tests, which ./mvnw verify runs before this module");
        Set<String> exposed = new TreeSet<>();
        after.keySet().forEach(k -> exposed.add(k.substring(k.indexOf(' ') + 1)));
        Set<String> missing = new TreeSet<>();
        for (String metric : Files.readAllLines(queried)) {
            if (!metric.isBlank() && !exposed.contains(metric.strip())) {
                missing.add(metric.strip());
            }
        }
        assertEquals(Set.of(), missing, "metrics the dashboard or the alerts query that no service exposes");
    }

    /** "service metric" → the sum of its samples, for every service. */
    static Map<String, Double> scrapeAll(Cluster cluster) {
        Map<String, Double> sums = new HashMap<>();
        for (String service : Cluster.SERVICES) {
            var r = cluster.get(service, "/q/metrics", null);
            assertEquals(200, r.statusCode(), service + " /q/metrics");
            for (String line : r.body().split("\n")) {
                if (line.startsWith("#")) {
                    continue;
                }
                Matcher m = SAMPLE.matcher(line);
                if (m.find()) {
                    double v;
                    try {
                        v = Double.parseDouble(m.group(3));
                    } catch (NumberFormatException e) {
                        continue;
                    }
                    sums.merge(service + " " + m.group(1), Double.isNaN(v) ? 0 : v, Double::sum);
                }
            }
        }
        return sums;
    }
}
