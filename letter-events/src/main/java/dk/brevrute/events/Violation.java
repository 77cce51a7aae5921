package dk.brevrute.events;

/** One problem with a request: a stable machine-readable code, the field, a human message. */
public record Violation(String code, String field, String message) {
}
