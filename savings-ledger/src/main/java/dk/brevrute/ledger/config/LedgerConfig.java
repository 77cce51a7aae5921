package dk.brevrute.ledger.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import dk.brevrute.events.PostageClass;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ledger")
public interface LedgerConfig {

    /**
     * The departments, as {@code ID;code;name} entries. Empty: the shipped default list (Copenhagen's
     * seven departments).
     */
    Optional<List<String>> departments();

    /** The zone whose calendar dates and months the ledger books in. */
    @WithDefault("Europe/Copenhagen")
    ZoneId timeZone();

    Pricing pricing();

    Repricing repricing();

    WhatIf whatIf();

    interface Pricing {
        /** Class of a digital letter whose delivery and route did not say. */
        @WithDefault("B")
        PostageClass defaultPostageClass();

        /** Zone of a digital letter whose delivery and route did not say. */
        @WithDefault("DK")
        String defaultZone();
    }

    interface Repricing {
        /** Bookings re-priced per transaction after a new tariff version. */
        @WithDefault("500")
        int batchSize();

        /** How often pending re-pricing is looked for (it also starts at once after a new version). */
        @WithDefault("30s")
        Duration interval();
    }

    interface WhatIf {
        /** Letters a year when the question does not say ("over 3 million", the 2009 decision). */
        @WithDefault("3000000")
        long lettersPerYear();

        /** Sheets of a typical letter when the question does not say. */
        @WithDefault("2")
        int sheets();
    }
}
