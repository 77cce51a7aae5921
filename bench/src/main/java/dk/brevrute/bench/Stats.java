package dk.brevrute.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Percentiles of durations in milliseconds (nearest rank). */
final class Stats {

    private Stats() {
    }

    record Percentiles(int count, long min, long p50, long p95, long p99, long max, double mean) {
        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("count", count);
            m.put("minMs", min);
            m.put("p50Ms", p50);
            m.put("p95Ms", p95);
            m.put("p99Ms", p99);
            m.put("maxMs", max);
            m.put("meanMs", Math.round(mean * 10) / 10.0);
            return m;
        }
    }

    static Percentiles of(long[] values) {
        if (values.length == 0) {
            return new Percentiles(0, 0, 0, 0, 0, 0, 0);
        }
        long[] v = values.clone();
        Arrays.sort(v);
        double sum = 0;
        for (long x : v) {
            sum += x;
        }
        return new Percentiles(v.length, v[0], rank(v, 0.50), rank(v, 0.95), rank(v, 0.99), v[v.length - 1], sum / v.length);
    }

    /** Nearest-rank percentile: the smallest value with at least q of the values at or below it. */
    static long rank(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
