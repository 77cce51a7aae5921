package dk.brevrute.events;

/** A = priority, B = economy. */
public enum PostageClass {
    A,
    B
}
