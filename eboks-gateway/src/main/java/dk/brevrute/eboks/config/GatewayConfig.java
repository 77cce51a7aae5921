package dk.brevrute.eboks.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The gateway's configuration. Secrets (the SF1601 access token, the service token for
 * letter-intake) come from the environment only: {@code GATEWAY_SF1601_TOKEN},
 * {@code GATEWAY_DOCUMENTS_TOKEN}.
 */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    Sender sender();

    Documents documents();

    Sf1601 sf1601();

    Delivery delivery();

    /** The MeMo sender: the municipality's CVR number and name, optionally per department. */
    interface Sender {
        String cvr();

        String label();

        /** Per-department overrides, keyed by department id (e.g. {@code gateway.sender.departments.BUF.label}). */
        Map<String, DepartmentSender> departments();
    }

    interface DepartmentSender {
        Optional<String> cvr();

        Optional<String> label();
    }

    /** letter-intake's document endpoint ({@code GET /internal/v1/documents/{id}}). */
    interface Documents {
        URI url();

        /** Bearer token with role {@code service} (environment only). */
        Optional<String> token();

        @WithDefault("PT2S")
        Duration connectTimeout();

        @WithDefault("PT30S")
        Duration readTimeout();
    }

    /** Serviceplatformen SF1601 (KombiPostAfsend, PostForespoerg). */
    interface Sf1601 {
        URI url();

        /** The access token of the default (static) token source (environment only). */
        Optional<String> token();

        @WithDefault("PT2S")
        Duration connectTimeout();

        /** Per request; the fault-tolerance timeout around it is a little longer. */
        @WithDefault("PT10S")
        Duration readTimeout();

        /** Ask PostForespoerg right before sending to a citizen: exemptions can start after routing. */
        @WithDefault("true")
        boolean registrationCheck();

        /**
         * ... unless routing's decision rests on an SF1601 answer younger than this (the letter is sent
         * within moments of that answer); zero asks every time.
         */
        @WithDefault("PT5M")
        Duration registrationCheckMaxAge();

        /** {@code language} of the MeMo main document. */
        @WithDefault("da")
        String language();
    }

    interface Delivery {
        /** Letters in flight at once per replica. */
        @WithDefault("8")
        int concurrency();

        /** From acceptance (or the letter's notBefore): transient failures past it fail the letter (DEADLINE). */
        @WithDefault("PT30M")
        Duration deadline();

        /** How often an idle worker looks for due letters (it is also woken when letters arrive). */
        @WithDefault("PT0.5S")
        Duration pollInterval();

        /**
         * While letters are waiting for a free slot, how long the worker may wait for half the slots to
         * be free before it claims, so that it claims several letters and fetches their documents from
         * letter-intake in one call. {@code PT0S}: claim as soon as one slot is free.
         */
        @WithDefault("PT0.02S")
        Duration gather();

        /** How long a claimed letter stays SENDING before another worker may take it over (crash recovery). */
        @WithDefault("PT2M")
        Duration lease();

        /** First wait after a failed attempt; doubled per attempt up to {@link #retryMax()}, with jitter. */
        @WithDefault("PT5S")
        Duration retryInitial();

        @WithDefault("PT5M")
        Duration retryMax();
    }
}
