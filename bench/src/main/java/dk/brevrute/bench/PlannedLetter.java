package dk.brevrute.bench;

import dk.brevrute.demo.PlannedLetter.Invalid;
import dk.brevrute.demo.PlannedLetter.Kind;

/**
 * One request of a benchmark mailing, as planned (the demo's kinds and invalid requests). {@code cpr} is null unless the recipient is a
 * citizen; it is never printed or logged. {@code number} is unique within the run (all phases).
 */
record PlannedLetter(
        int number,
        String phase,
        String department,
        String senderReference,
        Kind kind,
        String cpr,
        String cvr,
        boolean forcePaper,
        boolean windowAddress,
        Invalid invalid,
        int pages) {

    /** What must become of the request for the run to be correct. */
    enum Outcome {
        DIGITAL, PRINT, FAILED_NO_ADDRESS, REJECTED
    }

    boolean valid() {
        return invalid == Invalid.NONE;
    }

    Outcome expected() {
        if (!valid()) {
            return Outcome.REJECTED;
        }
        return switch (kind) {
            case REGISTERED -> forcePaper ? Outcome.PRINT : Outcome.DIGITAL;
            case COMPANY -> Outcome.DIGITAL;
            case NO_ADDRESS -> Outcome.FAILED_NO_ADDRESS;
            case EXEMPT, NOT_REGISTERED, ADDRESS_ONLY -> Outcome.PRINT;
        };
    }
}
