package dk.brevrute.kit.messaging;

/**
 * A record that can never be processed (unparseable, or not a valid event). It goes to the
 * consumer's dead-letter topic with this message in its headers, so the message never quotes the
 * payload: payloads may carry CPR numbers.
 */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String message) {
        super(message, null, false, false);
    }
}
