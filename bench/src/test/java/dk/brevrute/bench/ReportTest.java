package dk.brevrute.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The warm rate ignores the slow start: it is taken between the 50 % and 90 % marks of the deliveries. */
class ReportTest {

    @Test
    void warmRateIsTheRateOfTheSecondHalf() {
        List<Long> at = new ArrayList<>();
        // 100 deliveries: the first 50 slowly (one per second, JVMs warming up), the next 50 at 10 per second.
        for (int i = 0; i < 50; i++) {
            at.add(i * 1000L);
        }
        for (int i = 0; i < 50; i++) {
            at.add(50_000L + i * 100L);
        }
        Collections.shuffle(at);
        // sorted[50] = 50,000 ms, sorted[90] = 54,000 ms: 40 deliveries in 4 s.
        assertEquals(10.0, Report.warmRate(at));
    }

    @Test
    void tooFewDeliveriesHaveNoWarmRate() {
        assertEquals(0.0, Report.warmRate(List.of(1L, 2L, 3L)));
    }
}
