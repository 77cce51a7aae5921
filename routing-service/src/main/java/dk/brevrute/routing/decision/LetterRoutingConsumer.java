package dk.brevrute.routing.decision;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.events.CitizenKey;
import dk.brevrute.events.LetterRouted;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.Recipient.RecipientType;
import dk.brevrute.events.Topics;
import dk.brevrute.kit.messaging.EventProcessor;
import dk.brevrute.kit.messaging.Outbox;
import dk.brevrute.kit.messaging.PoisonRecordException;
import dk.brevrute.routing.decision.RoutingRules.Decision;
import dk.brevrute.routing.decision.RoutingRules.RegistrationState;
import dk.brevrute.routing.registry.RegistrationRepository;
import io.smallrye.reactive.messaging.annotations.Blocking;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Decides the channel of every submitted letter and publishes the decision through the outbox. */
@ApplicationScoped
class LetterRoutingConsumer {

    private static final Logger LOG = Logger.getLogger(LetterRoutingConsumer.class);
    static final String CONSUMER = "routing-service.letters-submitted";
    private static final ZoneId DENMARK = ZoneId.of("Europe/Copenhagen");

    private final EventProcessor processor;
    private final RegistrationRepository registrations;
    private final RoutingDecisionRepository decisions;
    private final CitizenKey citizenKey;
    private final Outbox outbox;
    private final Clock clock = Clock.system(DENMARK);

    LetterRoutingConsumer(EventProcessor processor, RegistrationRepository registrations,
            RoutingDecisionRepository decisions, CitizenKey citizenKey, Outbox outbox) {
        this.processor = processor;
        this.registrations = registrations;
        this.decisions = decisions;
        this.citizenKey = citizenKey;
        this.outbox = outbox;
    }

    @Incoming("letters-submitted")
    @Blocking
    void onSubmitted(String json) {
        processor.process(CONSUMER, json, LetterSubmitted.class, this::route);
    }

    void route(LetterSubmitted letter) {
        if (letter.letterId() == null || letter.recipient() == null || letter.recipient().type() == null) {
            throw new PoisonRecordException("LetterSubmitted " + letter.eventId() + " without letterId or recipient");
        }
        if (decisions.findByIdOptional(new RoutingDecision.Key(letter.letterId(), 1)).isPresent()) {
            return;
        }
        Optional<RegistrationState> registration = Optional.empty();
        if (letter.recipient().type() == RecipientType.CPR) {
            String key;
            try {
                key = citizenKey.of(letter.recipient().cpr());
            } catch (IllegalArgumentException e) {
                throw new PoisonRecordException("LetterSubmitted " + letter.eventId() + " with a malformed CPR number");
            }
            registration = registrations.byCitizenKey(key).map(r -> new RegistrationState(r.status(), r.exemptUntil()));
        }
        Decision decision = RoutingRules.decide(letter, registration, LocalDate.now(clock));

        RoutingDecision row = new RoutingDecision();
        row.key = new RoutingDecision.Key(letter.letterId(), 1);
        row.department = letter.department();
        row.channel = decision.channel();
        row.reason = decision.reason();
        row.decidedAt = Instant.now(clock);
        decisions.persist(row);

        outbox.append(Topics.LETTERS_ROUTED, letter.letterId().toString(), new LetterRouted(UUID.randomUUID(), row.decidedAt,
                letter.letterId(), letter.department(), decision.channel(), decision.reason(), null, 1, letter));
        LOG.infof("letter %s routed %s (%s)", letter.letterId(), decision.channel(), decision.reason());
    }
}
