package dk.brevrute.kit.ratelimit;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets by key (a department, or a subject without one): each holds up to {@code burst}
 * tokens and refills at {@code perSecond}; a request takes one or is refused with the wait until the
 * next token. In memory, per replica: with n replicas behind a balancer a caller gets about n times
 * the limit, so configure total / n.
 */
public final class TokenBuckets {

    /** A request allowed, or refused with how many whole seconds to wait (at least 1). */
    public record Decision(boolean allowed, long retryAfterSeconds) {
    }

    /** Refill rate and size of one key's bucket. */
    public record Limit(double perSecond, int burst) {

        public Limit {
            if (perSecond <= 0 || burst < 1) {
                throw new IllegalArgumentException("a rate limit needs requests-per-second > 0 and burst >= 1");
            }
        }
    }

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNanos = now;
        }
    }

    static final int MAX_KEYS = 10_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    public TokenBuckets(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    public TokenBuckets() {
        this(System::nanoTime);
    }

    public Decision take(String key, Limit limit) {
        long now = nanoClock.getAsLong();
        if (buckets.size() >= MAX_KEYS && !buckets.containsKey(key)) {
            evictIdle(now);
        }
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(limit.burst(), now));
        synchronized (b) {
            double elapsed = Math.max(0, now - b.updatedNanos) / 1e9;
            b.tokens = Math.min(limit.burst(), b.tokens + elapsed * limit.perSecond());
            b.updatedNanos = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return new Decision(true, 0);
            }
            double wait = (1 - b.tokens) / limit.perSecond();
            return new Decision(false, Math.max(1, (long) Math.ceil(wait)));
        }
    }

    int size() {
        return buckets.size();
    }

    /** Forgets buckets idle long enough to be full again (up to a minute): they would start full anyway. */
    private void evictIdle(long now) {
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext();) {
            Bucket b = it.next();
            if (now - b.updatedNanos > 60_000_000_000L) {
                it.remove();
            }
        }
        if (buckets.size() >= MAX_KEYS) {
            // Still full of active keys (many subjects without a department): start over rather than grow.
            buckets.clear();
        }
    }
}
