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

    Printer printer();

    Extraction extraction();

    Review review();

    Hotfolder hotfolder();

    /** The IPP printer: one queue per unit at /ipp/print/<unit>. */
    interface Printer {
        /**
         * The printer URIs' base as the PCs reach it, e.g. {@code ipps://print.brevrute.example} behind a
         * TLS ingress. Empty: {@code ipp://} and the host the client used (plain HTTP on the service port).
         */
        Optional<String> publicUri();

        /** Postage class of letters that come in through a printer or a hot folder. */
        @WithDefault("B")
        String postageClass();

        /** PBKDF2 iterations for new printer password hashes. */
        @WithDefault("210000")
        int passwordIterations();

        /** How long a job created by Create-Job waits for its document before it is aborted. */
        @WithDefault("PT5M")
        java.time.Duration multipleOperationTimeout();

        @WithDefault("1m")
        String sweepEvery();
    }

    /** Reading the recipient and subject from page 1 of a printed letter. */
    interface Extraction {
        Window window();

        /**
         * Text this close outside the window (millimetres) means the address does not sit in the
         * window: the letter goes to review.
         */
        @WithDefault("4")
        double edgeMarginMm();

        /** The envelope window on an A4 page, measured from the top left corner of the sheet. */
        interface Window {
            /** DIN 5008 / C5 and DL window envelopes: 20 mm from the left, 45 mm from the top, 90 x 45 mm. */
            @WithDefault("20")
            double leftMm();

            @WithDefault("45")
            double topMm();

            @WithDefault("90")
            double widthMm();

            @WithDefault("45")
            double heightMm();
        }
    }

    /** The review queue for letters whose recipient could not be read. */
    interface Review {
        /** A letter waiting this long is overdue (flagged to the unit admin and counted in a gauge). */
        @WithDefault("PT4H")
        java.time.Duration overdueAfter();

        /** Resolution of the page-1 preview; bounded to keep the images small. */
        @WithDefault("100")
        int previewDpi();

        @WithDefault("30s")
        String gaugeEvery();
    }

    /** Watched folders, one per unit under the root, for print drivers and case systems that drop PDFs. */
    interface Hotfolder {
        @WithDefault("false")
        boolean enabled();

        /** The root folder; each active unit's folder is {@code <root>/<unit>/}. */
        Optional<java.nio.file.Path> root();

        @WithDefault("5s")
        String every();

        /** A file younger than this may still be being written and is left for the next scan. */
        @WithDefault("PT2S")
        java.time.Duration settle();

        /** A claimed file whose replica died is returned to the folder after this long. */
        @WithDefault("PT10M")
        java.time.Duration staleClaim();
    }

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

        /**
         * Most bytes of documents in one answer of the batch fetch ({@code POST /internal/v1/documents/batch});
         * documents past it are fetched singly, streamed.
         */
        @WithDefault("4194304")
        long batchMaxBytes();

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
