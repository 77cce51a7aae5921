package dk.brevrute.events;

/** A citizen's relation to Digital Post. */
public enum RegistrationStatus {
    REGISTERED,
    EXEMPT,
    UNREGISTERED
}
