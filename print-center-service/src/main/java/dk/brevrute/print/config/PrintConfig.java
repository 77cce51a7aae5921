package dk.brevrute.print.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything the print centre can be told, under {@code print.*}. */
@ConfigMapping(prefix = "print")
public interface PrintConfig {

    /** Where print files, manifests and fetched documents live; a shared volume when there are several replicas. */
    @WithDefault("spool")
    Path spool();

    /** The time zone of cut-offs and of the hand-over date that picks the tariff. */
    @WithDefault("Europe/Copenhagen")
    ZoneId zone();

    Documents documents();

    CprRegister cprRegister();

    Routing routing();

    CitizenKeyConfig citizenKey();

    Prepare prepare();

    Batch batch();

    Envelope envelope();

    Render render();

    Zones zones();

    Simulation simulation();

    Retention retention();

    /** letter-intake's document endpoint. */
    interface Documents {
        @WithDefault("http://localhost:8081")
        URI url();

        /** Service token (role {@code service}) for letter-intake; from the environment, no default. */
        Optional<String> token();

        @WithDefault("PT2S")
        Duration connectTimeout();

        @WithDefault("PT20S")
        Duration readTimeout();
    }

    /** The CPR register's address look-up (through Serviceplatformen, or its simulator). */
    interface CprRegister {
        /** Base URL; without it, letters that need the look-up wait (and fail after {@code prepare.max-attempts}). */
        Optional<URI> url();

        Optional<String> token();

        @WithDefault("PT2S")
        Duration connectTimeout();

        @WithDefault("PT5S")
        Duration readTimeout();

        /** Attempts per look-up before the letter is put back to wait. */
        @WithDefault("3")
        int attempts();

        @WithDefault("PT0.2S")
        Duration retryDelay();
    }

    /** routing-service's re-check before a batch closes. */
    interface Routing {
        @WithDefault("http://localhost:8082")
        URI url();

        Optional<String> token();

        @WithDefault("PT2S")
        Duration connectTimeout();

        @WithDefault("PT10S")
        Duration readTimeout();

        @WithDefault("2")
        int attempts();

        /** Letters per re-check request. */
        @WithDefault("500")
        int chunkSize();
    }

    interface CitizenKeyConfig {
        /**
         * Secret of the keyed hash that recognises letters to the same citizen (consolidation).
         * Without it, letters are consolidated by normalised address only.
         */
        Optional<String> secret();
    }

    /** Fetching documents and resolving addresses of newly routed letters. */
    interface Prepare {
        @WithDefault("2s")
        String every();

        /** Letters claimed per run. */
        @WithDefault("50")
        int claim();

        /** How long a claimed letter is reserved for the replica that claimed it. */
        @WithDefault("PT5M")
        Duration lease();

        /** Attempts (document fetch or address look-up unavailable) before the letter fails. */
        @WithDefault("40")
        int maxAttempts();

        @WithDefault("PT10S")
        Duration firstRetry();

        @WithDefault("PT15M")
        Duration maxRetry();
    }

    interface Batch {
        /** A batch closes when it holds this many letters. */
        @WithDefault("5000")
        int maxLetters();

        /** Daily cut-off (in {@link PrintConfig#zone()}): every batch opened before it closes. */
        @WithDefault("14:00")
        LocalTime cutOff();

        /** How often the closing, cut-off and rendering timers run. */
        @WithDefault("10s")
        String every();

        /**
         * A batch being closed or rendered is held by one replica for this long, renewed every third of
         * it while the work runs: a replica that dies lets go of its batch within this time.
         */
        @WithDefault("PT1M")
        Duration claimLease();
    }

    interface Envelope {
        /** A letter of up to this many sheets (carrier sheet included) goes in a C5 envelope, else C4. */
        @WithDefault("6")
        int c5MaxSheets();

        @WithDefault("25")
        int c4MaxSheets();

        /** Letters to one recipient share an envelope while the sheets stay within this. */
        @WithDefault("6")
        int consolidationMaxSheets();
    }

    interface Render {
        /** Print both sides of each sheet. */
        @WithDefault("true")
        boolean duplex();

        Window window();

        interface Window {
            @WithDefault("20")
            float leftMm();

            @WithDefault("45")
            float topMm();

            @WithDefault("90")
            float widthMm();

            @WithDefault("45")
            float heightMm();
        }
    }

    interface Zones {
        /**
         * ISO 3166-1 alpha-2 countries priced as zone EUROPE; other foreign countries are WORLD. Unset:
         * the contracts' list ({@code PostalZone}), which the ledger uses too.
         */
        Optional<List<String>> europe();
    }

    /** What is deleted when (the record of what was sent stays). */
    interface Retention {
        @WithDefault("true")
        boolean enabled();

        /**
         * How long a finished letter (delivered, returned, failed, cancelled, re-routed) keeps the
         * recipient's CPR number, name, street and the request's address after its last change.
         */
        @WithDefault("P90D")
        Duration address();

        /** How long a handed-over or failed batch keeps its print file and manifests in the spool. */
        @WithDefault("P30D")
        Duration printFiles();

        /** How often the retention job runs. */
        @WithDefault("1h")
        String every();

        @WithDefault("500")
        int batchSize();
    }

    interface Simulation {
        /** Advance closed batches through the lifecycle by themselves (never in production). */
        @WithDefault("false")
        boolean enabled();

        @WithDefault("5s")
        String every();

        /** How long each simulated step takes. */
        @WithDefault("PT30S")
        Duration stepDelay();

        @WithDefault("print-centre-simulator")
        String operator();
    }
}
