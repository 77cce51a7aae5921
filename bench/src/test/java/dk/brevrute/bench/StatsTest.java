package dk.brevrute.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void nearestRankPercentiles() {
        long[] v = new long[100];
        for (int i = 0; i < 100; i++) {
            v[i] = 100 - i; // 1..100, unsorted
        }
        Stats.Percentiles p = Stats.of(v);
        assertEquals(50, p.p50());
        assertEquals(95, p.p95());
        assertEquals(99, p.p99());
        assertEquals(1, p.min());
        assertEquals(100, p.max());
        assertEquals(50.5, p.mean(), 1e-9);
    }

    @Test
    void fewAndNoValues() {
        assertEquals(7, Stats.of(new long[] {7}).p99());
        assertEquals(0, Stats.of(new long[0]).count());
        Stats.Percentiles three = Stats.of(new long[] {30, 10, 20});
        assertEquals(20, three.p50());
        assertEquals(30, three.p95());
    }
}
