package dk.brevrute.events;

/**
 * TRANSIENT: may succeed on retry. PERMANENT: nothing was delivered and retrying will not help.
 * DEADLINE: transient errors until the letter's deadline; the last attempt's outcome may be unknown.
 */
public enum FailureKind {
    TRANSIENT,
    PERMANENT,
    DEADLINE
}
