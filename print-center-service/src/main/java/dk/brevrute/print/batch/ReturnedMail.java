package dk.brevrute.print.batch;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.events.LetterReturned;
import dk.brevrute.events.Topics;
import dk.brevrute.kit.api.ProblemException;
import dk.brevrute.kit.messaging.Outbox;
import org.jboss.logging.Logger;

/**
 * Mail the postal operator brought back. The reason is a code, never free text: the event reaches
 * the sending department, and a free text could carry a protected address.
 */
@ApplicationScoped
class ReturnedMail {

    private static final Logger LOG = Logger.getLogger(ReturnedMail.class);

    enum Reason {
        ADDRESSEE_UNKNOWN,
        MOVED,
        INSUFFICIENT_ADDRESS,
        REFUSED,
        NOT_COLLECTED,
        DECEASED,
        DAMAGED,
        OTHER
    }

    private final PrintLetterRepository letters;
    private final Outbox outbox;

    ReturnedMail(PrintLetterRepository letters, Outbox outbox) {
        this.letters = letters;
        this.outbox = outbox;
    }

    /** In the caller's transaction. */
    PrintLetter register(UUID letterId, Reason reason, String operator) {
        PrintLetter l = letters.lock(letterId);
        if (l == null) {
            throw new ProblemException(404, "not-found", "Not Found", "no such letter");
        }
        if (l.status == PrintLetter.Status.RETURNED) {
            throw new ProblemException(409, "already-returned", "Already returned", "the letter was registered as returned before");
        }
        if (l.status != PrintLetter.Status.DELIVERED) {
            throw new ProblemException(409, "not-handed-over", "Not handed over",
                    "only a letter handed to the postal operator can come back; this one is " + l.status);
        }
        Instant now = Instant.now();
        l.status = PrintLetter.Status.RETURNED;
        l.returnedAt = now;
        l.returnReason = reason.name();
        l.returnedBy = operator;
        l.updatedAt = now;
        outbox.append(Topics.LETTERS_RETURNED, letterId.toString(),
                new LetterReturned(UUID.randomUUID(), now, letterId, l.department, reason.name(), operator), l.trace());
        LOG.infof("letter %s returned (%s)", letterId, reason);
        return l;
    }
}
