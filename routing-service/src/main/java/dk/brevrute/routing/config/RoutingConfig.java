package dk.brevrute.routing.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "routing")
public interface RoutingConfig {

    CitizenKeyConfig citizenKey();

    Lookup lookup();

    Scheduler scheduler();

    Retention retention();

    interface CitizenKeyConfig {
        /** Secret of the HMAC that replaces CPR numbers in the registry and on the registration topic. */
        String secret();
    }

    interface Lookup {
        /**
         * What to do while the SF1601 look-up is unavailable for a citizen the registry has never
         * seen: {@code wait} (retry until it answers) or {@code print-after-deadline} (print with
         * reason LOOKUP_UNAVAILABLE once the letter has waited {@link #printAfter()}).
         */
        @WithDefault("print-after-deadline")
        UnavailablePolicy policy();

        @WithDefault("PT4H")
        Duration printAfter();

        /** How soon a letter waiting for the look-up tries again. */
        @WithDefault("PT1M")
        Duration retryInterval();

        /** How long an SF1601 answer is trusted. */
        @WithDefault("P1D")
        Duration cacheTtl();

        /** Look-ups of one poll of submitted letters that run at the same time (each waits on SF1601). */
        @WithDefault("8")
        int concurrency();

        /** Bearer token for SF1601 (from the environment in a cluster). */
        Optional<String> token();
    }

    interface Scheduler {
        /** How often held, waiting and unread letters are looked at (read by the @Scheduled trigger). */
        @WithDefault("5s")
        String every();

        /** Letters handled per scheduler run and transaction. */
        @WithDefault("200")
        int batchSize();
    }

    interface Retention {
        /** Turn the retention job off (e.g. while an investigation needs the letters as they were). */
        @WithDefault("true")
        boolean enabled();

        /**
         * How long a letter's content (with the recipient's CPR number and address) is kept after its
         * last change when routing has not already seen it finished (cancelled, its one paper fallback
         * made, or read).
         */
        @WithDefault("P30D")
        Duration letterContent();

        /** How often the retention job runs (read by the @Scheduled trigger). */
        @WithDefault("1h")
        String every();

        /** Letters masked per transaction. */
        @WithDefault("500")
        int batchSize();
    }

    enum UnavailablePolicy {
        WAIT,
        PRINT_AFTER_DEADLINE
    }
}
