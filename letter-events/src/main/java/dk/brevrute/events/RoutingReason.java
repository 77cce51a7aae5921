package dk.brevrute.events;

/** Why routing chose a channel. Every {@link LetterRouted} carries exactly one. */
public enum RoutingReason {
    REGISTERED,
    COMPANY,
    NOT_REGISTERED,
    EXEMPT,
    FORCED_PAPER,
    ADDRESS_ONLY_RECIPIENT,
    LOOKUP_UNAVAILABLE,
    DIGITAL_FAILED,
    UNREAD_DEADLINE
}
