package dk.brevrute.kit.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final TokenBuckets buckets = new TokenBuckets(now::get);
    private final TokenBuckets.Limit limit = new TokenBuckets.Limit(2, 5);

    @Test
    void aBurstIsAllowedThenRefusedWithTheWaitForTheNextToken() {
        for (int i = 0; i < 5; i++) {
            assertTrue(buckets.take("BUF", limit).allowed(), "request " + i + " of the burst");
        }
        TokenBuckets.Decision refused = buckets.take("BUF", limit);
        assertFalse(refused.allowed());
        assertEquals(1, refused.retryAfterSeconds(), "2 a second: the next token in half a second, rounded up to 1 s");
    }

    @Test
    void tokensComeBackAtTheRateAndNeverAboveTheBurst() {
        for (int i = 0; i < 5; i++) {
            buckets.take("BUF", limit);
        }
        now.addAndGet(1_000_000_000L); // one second: two tokens
        assertTrue(buckets.take("BUF", limit).allowed());
        assertTrue(buckets.take("BUF", limit).allowed());
        assertFalse(buckets.take("BUF", limit).allowed());
        now.addAndGet(3_600_000_000_000L); // an hour idle: full, but no more than the burst
        for (int i = 0; i < 5; i++) {
            assertTrue(buckets.take("BUF", limit).allowed());
        }
        assertFalse(buckets.take("BUF", limit).allowed());
    }

    @Test
    void eachKeyHasItsOwnBucket() {
        for (int i = 0; i < 5; i++) {
            buckets.take("BUF", limit);
        }
        assertFalse(buckets.take("BUF", limit).allowed());
        assertTrue(buckets.take("SOF", limit).allowed(), "another department is not affected");
    }

    @Test
    void aSlowRateWaitsWholeSeconds() {
        TokenBuckets.Limit slow = new TokenBuckets.Limit(0.25, 1);
        assertTrue(buckets.take("TMF", slow).allowed());
        assertEquals(4, buckets.take("TMF", slow).retryAfterSeconds());
    }

    @Test
    void idleBucketsAreForgottenWhenThereAreTooMany() {
        for (int i = 0; i < TokenBuckets.MAX_KEYS; i++) {
            buckets.take("subject-" + i, limit);
        }
        now.addAndGet(120_000_000_000L);
        buckets.take("one-more", limit);
        assertEquals(1, buckets.size());
    }
}
