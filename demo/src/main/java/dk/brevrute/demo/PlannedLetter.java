package dk.brevrute.demo;

/**
 * One request of the demo mailing, as planned. {@code cpr} is null unless the recipient is a
 * citizen; it is never printed. The summary's counts come from the events, not from the plan; the
 * plan only says which requests were invalid on purpose.
 */
public record PlannedLetter(
        int number,
        String department,
        String senderReference,
        Kind kind,
        Path path,
        String cpr,
        String cvr,
        boolean forcePaper,
        boolean windowAddress,
        Invalid invalid) {

    public enum Kind {
        REGISTERED, EXEMPT, NOT_REGISTERED, NO_ADDRESS, COMPANY, ADDRESS_ONLY
    }

    public enum Path {
        REST, KAFKA
    }

    public enum Invalid {
        NONE, IMPOSSIBLE_CPR_DATE, MISSING_SUBJECT
    }

    public boolean valid() {
        return invalid == Invalid.NONE;
    }
}
