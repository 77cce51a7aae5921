package dk.brevrute.bench;

/**
 * One request of a benchmark mailing, as planned. {@code cpr} is null unless the recipient is a
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

    enum Kind {
        REGISTERED, EXEMPT, NOT_REGISTERED, NO_ADDRESS, COMPANY, ADDRESS_ONLY
    }

    enum Invalid {
        NONE, IMPOSSIBLE_CPR_DATE, MISSING_SUBJECT
    }

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
