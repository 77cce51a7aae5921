package dk.brevrute.simulator.sf1601;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.simulator.config.SimulatorConfig;

/** The injected faults and latency, starting from configuration, changed through the admin endpoints. */
@ApplicationScoped
class Faults {

    enum Fault {
        NONE,
        OUTAGE,
        ERROR,
        THROTTLE,
        TIMEOUT
    }

    /** What the admin endpoint reads and writes; {@code null} fields in an update leave the value alone. */
    record Settings(
            Long latencyMillis,
            Long latencyJitterMillis,
            Double errorRate,
            Double throttleRate,
            Long retryAfterSeconds,
            Double timeoutRate,
            Long timeoutMillis,
            Boolean timeoutProcesses,
            Instant outageUntil) {
    }

    private final SimulatorConfig config;
    private volatile Settings settings;

    Faults(SimulatorConfig config) {
        this.config = config;
        reset();
    }

    final void reset() {
        SimulatorConfig.Faults f = config.faults();
        settings = new Settings(config.latency().toMillis(), config.latencyJitter().toMillis(), f.errorRate(), f.throttleRate(),
                f.retryAfter().toSeconds(), f.timeoutRate(), f.timeout().toMillis(), f.timeoutProcesses(), null);
    }

    Settings settings() {
        return settings;
    }

    synchronized Settings update(Settings u) {
        Settings s = settings;
        settings = new Settings(
                u.latencyMillis() != null ? nonNegative(u.latencyMillis(), "latencyMillis") : s.latencyMillis(),
                u.latencyJitterMillis() != null ? nonNegative(u.latencyJitterMillis(), "latencyJitterMillis") : s.latencyJitterMillis(),
                u.errorRate() != null ? rate(u.errorRate(), "errorRate") : s.errorRate(),
                u.throttleRate() != null ? rate(u.throttleRate(), "throttleRate") : s.throttleRate(),
                u.retryAfterSeconds() != null ? nonNegative(u.retryAfterSeconds(), "retryAfterSeconds") : s.retryAfterSeconds(),
                u.timeoutRate() != null ? rate(u.timeoutRate(), "timeoutRate") : s.timeoutRate(),
                u.timeoutMillis() != null ? nonNegative(u.timeoutMillis(), "timeoutMillis") : s.timeoutMillis(),
                u.timeoutProcesses() != null ? u.timeoutProcesses() : s.timeoutProcesses(),
                u.outageUntil() != null ? u.outageUntil() : s.outageUntil());
        return settings;
    }

    synchronized void outage(Duration length) {
        Settings s = settings;
        settings = new Settings(s.latencyMillis(), s.latencyJitterMillis(), s.errorRate(), s.throttleRate(), s.retryAfterSeconds(),
                s.timeoutRate(), s.timeoutMillis(), s.timeoutProcesses(), length == null ? null : Instant.now().plus(length));
    }

    boolean inOutage() {
        Instant until = settings.outageUntil();
        return until != null && Instant.now().isBefore(until);
    }

    /** The fault for one request; {@code canTimeOut} only where a late answer is simulated. */
    Fault decide(boolean canTimeOut) {
        if (inOutage()) {
            return Fault.OUTAGE;
        }
        Settings s = settings;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (s.errorRate() > 0 && random.nextDouble() < s.errorRate()) {
            return Fault.ERROR;
        }
        if (s.throttleRate() > 0 && random.nextDouble() < s.throttleRate()) {
            return Fault.THROTTLE;
        }
        if (canTimeOut && s.timeoutRate() > 0 && random.nextDouble() < s.timeoutRate()) {
            return Fault.TIMEOUT;
        }
        return Fault.NONE;
    }

    void latency() {
        Settings s = settings;
        long jitter = s.latencyJitterMillis() > 0 ? ThreadLocalRandom.current().nextLong(s.latencyJitterMillis() + 1) : 0;
        sleep(s.latencyMillis() + jitter);
    }

    void hang() {
        sleep(settings.timeoutMillis());
    }

    static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double rate(double r, String name) {
        if (r < 0 || r > 1 || Double.isNaN(r)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1");
        }
        return r;
    }

    private static long nonNegative(long v, String name) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
        return v;
    }
}
