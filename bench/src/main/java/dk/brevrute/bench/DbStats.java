package dk.brevrute.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What each service's database did in a phase, from PostgreSQL's own statistics: commits
 * ({@code pg_stat_database}) and statements executed ({@code pg_stat_statements}, when the server
 * preloads it, as Brevrute's embedded PostgreSQL does). Counts, unlike CPU seconds, do not depend on
 * how busy the machine was, so they show exactly what a change did to the work per letter.
 * Statement texts are PostgreSQL's normalised ones (every value a {@code $n}): no personal data.
 */
final class DbStats {

    /** Statements listed per database, the most frequent first. */
    static final int TOP_STATEMENTS = 8;
    private static final int QUERY_CHARS = 110;

    record Db(long commits, long rollbacks, Map<String, Query> queries) {
    }

    record Query(String text, long calls, double execMs) {
    }

    private DbStats() {
    }

    /** The counters now, per database; statements only when pg_stat_statements is loaded. */
    static Map<String, Db> take(int port, String user, String password) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", user, password);
                Statement st = c.createStatement()) {
            Map<String, Map<String, Query>> queries = new TreeMap<>();
            if (statementsTracked(st)) {
                try (ResultSet rs = st.executeQuery("SELECT d.datname, s.queryid, s.calls, s.total_exec_time, s.query FROM pg_stat_statements s "
                        + "JOIN pg_database d ON d.oid = s.dbid WHERE s.queryid IS NOT NULL")) {
                    while (rs.next()) {
                        queries.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).merge(rs.getString(2),
                                new Query(normalise(rs.getString(5)), rs.getLong(3), rs.getDouble(4)),
                                (a, b) -> new Query(a.text(), a.calls() + b.calls(), a.execMs() + b.execMs()));
                    }
                }
            }
            Map<String, Db> out = new TreeMap<>();
            try (ResultSet rs = st.executeQuery("SELECT datname, xact_commit, xact_rollback FROM pg_stat_database WHERE datname IS NOT NULL")) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Db(rs.getLong(2), rs.getLong(3), queries.getOrDefault(rs.getString(1), Map.of())));
                }
            }
            return out;
        } catch (SQLException e) {
            Bench.say("  database statistics not read (%s)", e.getMessage());
            return Map.of();
        }
    }

    private static boolean statementsTracked(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT current_setting('shared_preload_libraries') LIKE '%pg_stat_statements%'")) {
            if (!rs.next() || !rs.getBoolean(1)) {
                return false;
            }
        }
        st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        return true;
    }

    private static String normalise(String query) {
        String q = query.replaceAll("\\s+", " ").trim();
        return q.length() > QUERY_CHARS ? q.substring(0, QUERY_CHARS) + "..." : q;
    }

    /**
     * Per database of {@code databases} (keyed by its service name): commits and statements in the
     * phase, in all and per accepted letter, the statements' execution time per letter (lock waits
     * included) and the most frequent statements.
     */
    static Map<String, Object> perLetter(Map<String, Db> before, Map<String, Db> after, int letters, List<String> services) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String service : services) {
            Db b = before.get(database(service));
            Db a = after.get(database(service));
            if (a == null || b == null) {
                continue;
            }
            long commits = a.commits() - b.commits();
            List<Query> delta = new ArrayList<>();
            a.queries().forEach((id, q) -> {
                Query was = b.queries().get(id);
                long calls = q.calls() - (was == null ? 0 : was.calls());
                if (calls > 0) {
                    delta.add(new Query(q.text(), calls, q.execMs() - (was == null ? 0 : was.execMs())));
                }
            });
            long statements = delta.stream().mapToLong(Query::calls).sum();
            double execMs = delta.stream().mapToDouble(Query::execMs).sum();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("commits", commits);
            m.put("rollbacks", a.rollbacks() - b.rollbacks());
            m.put("commitsPerLetter", letters == 0 ? 0 : Bench.round((double) commits / letters));
            if (!a.queries().isEmpty()) {
                m.put("statements", statements);
                m.put("statementsPerLetter", letters == 0 ? 0 : Bench.round((double) statements / letters));
                m.put("statementMsPerLetter", letters == 0 ? 0 : Bench.round(execMs / letters));
                List<Map<String, Object>> top = new ArrayList<>();
                delta.stream().sorted(Comparator.comparingLong(Query::calls).reversed()).limit(TOP_STATEMENTS).forEach(q -> {
                    Map<String, Object> t = new LinkedHashMap<>();
                    t.put("perLetter", letters == 0 ? 0 : Bench.round((double) q.calls() / letters));
                    t.put("msPerLetter", letters == 0 ? 0 : Bench.round(q.execMs() / letters));
                    t.put("statement", q.text());
                    top.add(t);
                });
                m.put("mostFrequent", top);
            }
            out.put(service, m);
        }
        return out;
    }

    /** A service's database: its name with underscores (bin/brevrute's naming). */
    static String database(String service) {
        return service.replace('-', '_');
    }
}
