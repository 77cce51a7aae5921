package dk.brevrute.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.brevrute.deploy.Kustomize.Rendered;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the PrometheusRule as the overlays render them: the dashboard JSON
 * parses and every panel queries something, every alert has a severity, a summary and a runbook
 * section that exists in deploy/README.md, and every query parses far enough to name its metrics.
 * Those names go to {@code deploy/target/queried-metrics.txt}, one per line, sorted, for the
 * end-to-end check that each exists in some service's {@code /q/metrics}.
 */
class ObservabilityManifestsTest {

    static final String RUNBOOK_BASE = "https://git.brevrute.example/brevrute/brevrute/-/blob/main/deploy/README.md#";
    /** Our services' own metric families: no rule may query one it does not expose (Kafka Exporter, cAdvisor, ...). */
    static final Pattern OWN_METRIC = Pattern.compile("(brevrute|gateway|print|ledger|ft)_[a-z0-9_]+");

    static List<Rendered> prod;
    static List<Rendered> dev;

    @BeforeAll
    static void render() {
        prod = Kustomize.render(Project.deploy().resolve("overlays").resolve("prod"));
        dev = Kustomize.render(Project.deploy().resolve("overlays").resolve("dev"));
    }

    static List<Rendered> dashboards(List<Rendered> objects) {
        return ManifestChecks.ofKind(objects, "ConfigMap").stream()
                .filter(o -> o.map().get("metadata") instanceof Map<?, ?> m && m.get("labels") instanceof Map<?, ?> labels
                        && "1".equals(labels.get("grafana_dashboard")))
                .toList();
    }

    static List<Map<String, Object>> alerts(List<Rendered> objects) {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Rendered r : ManifestChecks.ofKind(objects, "PrometheusRule")) {
            for (Map<String, Object> group : list(((Map<?, ?>) r.map().get("spec")).get("groups"))) {
                rules.addAll(list(group.get("rules")));
            }
        }
        return rules;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        return o instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    @Test
    void bothOverlaysShipTheDashboardAndTheRules() {
        for (List<Rendered> objects : List.of(dev, prod)) {
            assertEquals(1, dashboards(objects).size(), "one dashboard ConfigMap labelled grafana_dashboard=1");
            assertEquals(1, ManifestChecks.ofKind(objects, "PrometheusRule").size());
        }
        assertEquals(alerts(dev), alerts(prod), "the same alerts in every overlay");
    }

    @Test
    void theDashboardParsesAndEveryPanelQueriesPrometheus() throws IOException {
        Map<?, ?> data = (Map<?, ?>) dashboards(prod).get(0).map().get("data");
        assertEquals(1, data.size(), "one dashboard: " + data.keySet());
        JsonNode dashboard = new ObjectMapper().readTree((String) data.values().iterator().next());
        assertEquals("brevrute-overview", dashboard.path("uid").asText());
        assertFalse(dashboard.path("title").asText().isBlank());
        Set<Integer> ids = new HashSet<>();
        Set<String> titles = new TreeSet<>();
        int queries = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            assertTrue(ids.add(panel.path("id").asInt()), "panel ids are unique");
            JsonNode grid = panel.path("gridPos");
            assertTrue(grid.path("x").asInt() + grid.path("w").asInt() <= 24, "panel within the 24 columns: " + panel.path("title"));
            if ("row".equals(panel.path("type").asText())) {
                titles.add(panel.path("title").asText());
                continue;
            }
            assertEquals("${datasource}", panel.path("datasource").path("uid").asText(), "the templated Prometheus data source");
            assertTrue(panel.path("targets").size() > 0, "panel without a query: " + panel.path("title"));
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                assertFalse(expr.isBlank(), "empty query in " + panel.path("title"));
                assertFalse(metricNames(expr).isEmpty(), "a query that names no metric: " + expr);
                queries++;
            }
        }
        assertEquals(Set.of("Delivery errors", "Mailing progress", "Print centre", "Savings", "Throughput per stage and lag"), titles);
        assertTrue(queries >= 20, "the dashboard queries something: " + queries);
    }

    @Test
    void everyAlertHasASeverityASummaryAndARunbookSectionThatExists() throws IOException {
        Set<String> anchors = anchors(Files.readString(Project.deploy().resolve("README.md")));
        List<Map<String, Object>> rules = alerts(prod);
        Set<String> names = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> rule : rules) {
            String name = (String) rule.get("alert");
            if (name == null) {
                problems.add("a rule without an alert name (recording rules are not used): " + rule);
                continue;
            }
            if (!names.add(name)) {
                problems.add(name + ": defined twice");
            }
            Map<?, ?> labels = rule.get("labels") instanceof Map<?, ?> m ? m : Map.of();
            Map<?, ?> annotations = rule.get("annotations") instanceof Map<?, ?> m ? m : Map.of();
            if (!Set.of("warning", "critical").contains(labels.get("severity"))) {
                problems.add(name + ": severity must be warning or critical, is " + labels.get("severity"));
            }
            if (!(annotations.get("summary") instanceof String s) || s.isBlank()) {
                problems.add(name + ": no summary");
            }
            if (!(rule.get("for") instanceof String f) || !f.matches("[0-9]+[smh]")) {
                problems.add(name + ": no 'for' duration");
            }
            String runbook = (String) annotations.get("runbook_url");
            if (runbook == null || !runbook.startsWith(RUNBOOK_BASE)) {
                problems.add(name + ": runbook_url must be " + RUNBOOK_BASE + "<section>, is " + runbook);
            } else if (!anchors.contains(runbook.substring(RUNBOOK_BASE.length()))) {
                problems.add(name + ": no section #" + runbook.substring(RUNBOOK_BASE.length()) + " in deploy/README.md");
            }
            String expr = (String) rule.get("expr");
            if (expr == null || metricNames(expr).isEmpty()) {
                problems.add(name + ": an expression that names no metric: " + expr);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertEquals(Set.of("BrevruteOutboxBacklogOld", "BrevruteOutboxRecordRefused", "BrevruteConsumerLagGrowing", "BrevruteDeadLetters",
                "BrevruteCircuitOpen", "BrevruteDeliveryErrorRate", "BrevrutePrintBatchRenderingStuck", "BrevrutePrintBatchStuck"), names);
    }

    @Test
    void everyQueriedMetricIsOneOfOursAndTheListIsWrittenForTheEndToEndCheck() throws IOException {
        Set<String> metrics = new TreeSet<>();
        for (Rendered dashboard : dashboards(prod)) {
            JsonNode json = new ObjectMapper().readTree((String) ((Map<?, ?>) dashboard.map().get("data")).values().iterator().next());
            json.findValues("expr").forEach(e -> metrics.addAll(metricNames(e.asText())));
        }
        alerts(prod).forEach(rule -> metrics.addAll(metricNames((String) rule.get("expr"))));
        List<String> foreign = metrics.stream().filter(m -> !OWN_METRIC.matcher(m).matches()).toList();
        assertTrue(foreign.isEmpty(), "queried metrics no Brevrute service exposes: " + foreign);
        assertTrue(metrics.containsAll(List.of("brevrute_outbox_oldest_age_seconds", "brevrute_consumer_lag_records",
                "ft_circuitbreaker_state_current", "gateway_deliveries_total", "print_batch_oldest_in_state_seconds",
                "brevrute_dead_letters_pending_records", "ledger_saving_dkk_total")), metrics.toString());
        Path out = Project.deploy().resolve("target").resolve("queried-metrics.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, String.join("\n", metrics) + "\n");
        assertEquals(new ArrayList<>(metrics), Files.readAllLines(out));
    }

    @Test
    void metricNamesAreReadFromPromQl() {
        assertEquals(Set.of("a_total", "b_seconds_bucket"), metricNames(
                "sum by (le, job) (rate(a_total{x=\"y\", outcome=~\"p|q\"}[5m])) / on(job) group_left histogram_quantile(0.9, b_seconds_bucket[$__rate_interval]) > 0.5 and ignoring (z) vector(1)"));
        assertEquals(Set.of("x"), metricNames("max by (group, topic) (deriv(x[15m])) > 0 and max without (pod) (x) == 1 unless bool x offset 5m"));
    }

    // ---------------------------------------------------------------- PromQL and Markdown, as far as needed

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "bool", "offset", "inf", "nan");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENT = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    /** The metric names a PromQL expression selects: identifiers that are not functions, keywords or labels. */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")   // string literals
                .replaceAll("\\{[^}]*}", " ")                           // label matchers
                .replaceAll("\\[[^]]*]", " ")                           // range selectors
                .replaceAll("\\$[a-zA-Z_]+", " ");                      // Grafana variables
        s = GROUPING.matcher(s).replaceAll(" ");
        assertBalanced(expr, s);
        Set<String> names = new TreeSet<>();
        Matcher m = IDENT.matcher(s);
        while (m.find()) {
            String word = m.group();
            int after = m.end();
            while (after < s.length() && Character.isWhitespace(s.charAt(after))) {
                after++;
            }
            boolean function = after < s.length() && s.charAt(after) == '(';
            boolean number = m.start() > 0 && (Character.isDigit(s.charAt(m.start() - 1)) || s.charAt(m.start() - 1) == '.');
            if (!function && !number && !KEYWORDS.contains(word.toLowerCase())) {
                names.add(word);
            }
        }
        return names;
    }

    private static void assertBalanced(String expr, String stripped) {
        int depth = 0;
        for (char c : stripped.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            assertTrue(depth >= 0, "unbalanced parentheses: " + expr);
        }
        assertEquals(0, depth, "unbalanced parentheses: " + expr);
    }

    /** GitHub's anchors of the Markdown headings: lower case, punctuation dropped, spaces to hyphens. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        for (String line : markdown.lines().toList()) {
            Matcher h = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*$").matcher(line);
            if (h.matches()) {
                String slug = h.group(1).toLowerCase().replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                anchors.add(slug);
            }
        }
        assertNotNull(anchors);
        return anchors;
    }
}
