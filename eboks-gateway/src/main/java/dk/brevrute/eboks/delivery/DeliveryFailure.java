package dk.brevrute.eboks.delivery;

/**
 * Why one delivery attempt failed, in words safe for logs and events: never a CPR number, never a
 * document. The subclass says what happens next.
 */
public abstract class DeliveryFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected DeliveryFailure(String reason) {
        super(reason, null, false, false);
    }

    public String reason() {
        return getMessage();
    }

    /** Will never succeed for this letter (unknown recipient, invalid message, missing document): fail it at once. */
    public static final class Permanent extends DeliveryFailure {
        private static final long serialVersionUID = 1L;

        public Permanent(String reason) {
            super(reason);
        }
    }

    /** May succeed on a retry (5xx, connection error, timeout): retried in the call, then later until the deadline. */
    public static final class Transient extends DeliveryFailure {
        private static final long serialVersionUID = 1L;

        public Transient(String reason) {
            super(reason);
        }
    }

    /** The peer asked us to come back later (429 with Retry-After): not retried in the call; the letter waits at least that long. */
    public static final class RetryLater extends DeliveryFailure {
        private static final long serialVersionUID = 1L;
        private final java.time.Duration after;

        public RetryLater(String reason, java.time.Duration after) {
            super(reason);
            this.after = after;
        }

        public java.time.Duration after() {
            return after;
        }
    }
}
