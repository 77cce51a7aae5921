package dk.brevrute.intake.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "intake")
public interface IntakeConfig {

    /**
     * The departments that may send letters, as {@code ID;code;name} entries. Empty: the shipped
     * default list (Copenhagen's seven departments).
     */
    Optional<List<String>> departments();

    Document document();

    /**
     * Whether the digital platform's read receipts reach Brevrute. Without them print-if-unread
     * would print every such letter, so requests asking for it are refused.
     */
    @WithDefault("true")
    boolean readReceipts();

    Webhooks webhooks();

    interface Webhooks {
        /** Plain http callback URLs (local run and tests); production takes https only. */
        @WithDefault("false")
        boolean allowHttp();

        /** Loopback, link-local and private addresses (local run and tests); never in production. */
        @WithDefault("false")
        boolean allowPrivateAddresses();

        /** How long a delivery is retried before it is given up. */
        @WithDefault("PT24H")
        java.time.Duration giveUpAfter();

        @WithDefault("PT10M")
        java.time.Duration maxBackoff();

        @WithDefault("PT5S")
        java.time.Duration timeout();

        /** Deliveries sent at once; one subscription never takes more than {@link #perSubscription()} of them. */
        @WithDefault("16")
        int concurrency();

        @WithDefault("4")
        int perSubscription();

        @WithDefault("1s")
        String every();
    }

    interface Document {
        /** Largest document accepted, in bytes. */
        @WithDefault("20971520")
        long maxBytes();

        /** Largest document carried inline (base64) on the letter-requested topics, in bytes before encoding. */
        @WithDefault("1048576")
        int inlineMaxBytes();

        @WithDefault("50")
        int maxPages();

        /** How far a page may be from A4, in millimetres. */
        @WithDefault("3")
        double a4ToleranceMm();

        /**
         * How long a document is kept after its last letter was finished (delivered, failed,
         * returned or cancelled); then its bytes are deleted and the letter's metadata stays.
         */
        @WithDefault("P90D")
        java.time.Duration retention();

        /** How often the retention job looks for documents to delete. */
        @WithDefault("1h")
        String retentionEvery();
    }
}
