package dk.brevrute.print.queue;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.events.Channel;
import dk.brevrute.events.LetterRouted;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.kit.messaging.EventProcessor;
import dk.brevrute.kit.messaging.PoisonRecordException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Queues every letter routed to PRINT for the next print batch; DIGITAL decisions are not ours. */
@ApplicationScoped
class PrintRoutedConsumer {

    private static final Logger LOG = Logger.getLogger(PrintRoutedConsumer.class);
    static final String CONSUMER = "print-center-service.letters-routed";

    private final EventProcessor processor;
    private final PrintLetterRepository letters;

    PrintRoutedConsumer(EventProcessor processor, PrintLetterRepository letters) {
        this.processor = processor;
        this.letters = letters;
    }

    @Incoming("letters-routed")
    @Blocking
    void onRouted(String json) {
        processor.process(CONSUMER, json, LetterRouted.class, this::queue);
    }

    void queue(LetterRouted routed) {
        if (routed.channel() != Channel.PRINT) {
            return;
        }
        LetterSubmitted letter = routed.letter();
        if (letter == null || letter.document() == null) {
            throw new PoisonRecordException("LetterRouted " + routed.eventId() + " to PRINT without the letter and its document");
        }
        if (letters.findByIdOptional(routed.letterId()).isPresent()) {
            return;
        }
        PrintLetter p = new PrintLetter();
        p.letterId = routed.letterId();
        p.department = routed.department();
        p.postageClass = letter.postageClass();
        p.routingReason = routed.reason();
        p.routingSequence = routed.sequence();
        p.documentId = letter.document().documentId();
        p.documentSha256 = letter.document().sha256();
        p.pages = letter.document().pages();
        p.status = PrintLetter.Status.WAITING;
        p.receivedAt = Instant.now();
        letters.persist(p);
        LOG.infof("letter %s queued for print (%s)", routed.letterId(), routed.reason());
    }
}
