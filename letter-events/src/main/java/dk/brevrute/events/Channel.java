package dk.brevrute.events;

/** How a letter reaches its recipient. */
public enum Channel {
    DIGITAL,
    PRINT
}
