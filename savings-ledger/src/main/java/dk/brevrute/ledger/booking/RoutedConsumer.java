package dk.brevrute.ledger.booking;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.events.LetterRouted;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.kit.messaging.EventProcessor;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps what routing decided, without the recipient: the class, postal zone and pages price a digital
 * letter whose delivery did not report them, and a paper route after a digital one (UNREAD_DEADLINE,
 * DIGITAL_FAILED) is named on the entry that cancels its saving. The payload carries a CPR number;
 * none of it is stored or logged.
 */
@ApplicationScoped
class RoutedConsumer {

    static final String CONSUMER = "savings-ledger.letters-routed";

    private final EventProcessor processor;
    private final LetterRouteRepository routes;

    RoutedConsumer(EventProcessor processor, LetterRouteRepository routes) {
        this.processor = processor;
        this.routes = routes;
    }

    /** A poll at a time, in one transaction: which of its decisions are recorded already is asked once for the poll. */
    @Incoming("letters-routed")
    @Blocking
    CompletionStage<Void> onRouted(KafkaRecordBatch<String, String> batch) {
        return processor.processPoll(CONSUMER, batch, LetterRouted.class, this::handlerFor);
    }

    Consumer<LetterRouted> handlerFor(List<LetterRouted> poll) {
        Set<LetterRoute.Key> recorded = routes.keysAmong(poll.stream().map(LetterRouted::letterId).distinct().toList());
        return routed -> record(routed, recorded);
    }

    /** {@code recorded}: the decisions recorded for the poll's letters, this poll's added. */
    private void record(LetterRouted routed, Set<LetterRoute.Key> recorded) {
        if (!recorded.add(new LetterRoute.Key(routed.letterId(), routed.sequence()))) {
            return;
        }
        LetterRoute r = new LetterRoute();
        r.letterId = routed.letterId();
        r.sequence = routed.sequence();
        r.department = routed.department();
        r.channel = routed.channel();
        r.reason = routed.reason();
        LetterSubmitted letter = routed.letter();
        if (letter != null) {
            r.postageClass = letter.postageClass();
            r.zone = letter.recipient() != null && letter.recipient().address() != null
                    ? Zones.of(letter.recipient().address().country()) : null;
            r.pages = letter.document() != null && letter.document().pages() > 0 ? letter.document().pages() : null;
        }
        r.routedAt = routed.occurredAt();
        r.eventId = routed.eventId();
        routes.persist(r);
    }
}
