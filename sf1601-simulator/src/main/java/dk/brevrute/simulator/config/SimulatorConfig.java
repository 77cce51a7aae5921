package dk.brevrute.simulator.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The simulator's starting behaviour; the admin endpoints change it at run time. */
@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {

    /** Base latency of every SF1601 answer. */
    @WithDefault("PT0.03S")
    Duration latency();

    /** Up to this much is added to {@link #latency()} at random. */
    @WithDefault("PT0.02S")
    Duration latencyJitter();

    Faults faults();

    Auth auth();

    Registry registry();

    Cpr cpr();

    Receipts receipts();

    interface Faults {
        /** Share (0-1) of SF1601 requests answered 503. */
        @WithDefault("0")
        double errorRate();

        /** Share (0-1) of SF1601 requests answered 429 with {@code Retry-After}. */
        @WithDefault("0")
        double throttleRate();

        @WithDefault("PT1S")
        Duration retryAfter();

        /** Share (0-1) of KombiPostAfsend requests answered only after {@link #timeout()}. */
        @WithDefault("0")
        double timeoutRate();

        @WithDefault("PT30S")
        Duration timeout();

        /** Whether a timed-out request's letter is still placed in the mailbox (the answer is lost, not the letter). */
        @WithDefault("true")
        boolean timeoutProcesses();
    }

    interface Auth {
        /**
         * When set, every service endpoint requires {@code Authorization: Bearer <token>}. When not,
         * KombiPostAfsend and PostForespoerg require some bearer token (as SF1601 does) and the CPR
         * look-up requires none.
         */
        Optional<String> token();
    }

    /** Explicit Digital Post statuses, on top of the last-digit rule (see README). */
    interface Registry {
        Optional<List<String>> registered();

        Optional<List<String>> notRegistered();

        Optional<List<String>> exempt();

        /** Recipients (CPR or CVR) Digital Post does not know at all: KombiPostAfsend answers 400. */
        Optional<List<String>> unknown();
    }

    /** Explicit CPR-register outcomes, on top of the ninth-digit rule (see README). */
    interface Cpr {
        Optional<List<String>> unknown();

        Optional<List<String>> protectedAddress();
    }

    interface Receipts {
        /** Where read receipts are pushed (the gateway's post-status endpoint); none: no receipts. */
        Optional<URI> callbackUrl();

        /** Bearer token for the push. */
        Optional<String> token();

        @WithDefault("PT5S")
        Duration delay();

        /** Share (0-1) of placed letters that are read; chosen by message UUID, so reproducible. */
        @WithDefault("0.5")
        double readShare();

        /** Push attempts per receipt (connection errors and 5xx are retried, doubling from 1 s). */
        @WithDefault("5")
        int attempts();
    }
}
