package dk.brevrute.routing.decision;

import java.time.LocalDate;
import java.util.Optional;

import dk.brevrute.events.Channel;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.Recipient.RecipientType;
import dk.brevrute.events.RegistrationStatus;
import dk.brevrute.events.RoutingReason;

/**
 * The channel decision of the source document, as plain rules in order: paper when the sender says
 * so; companies always digitally; address-only recipients on paper; citizens digitally when
 * registered and not (or no longer) exempt, otherwise on paper.
 */
public final class RoutingRules {

    /** What routing knows about a citizen's registration. */
    public record RegistrationState(RegistrationStatus status, LocalDate exemptUntil) {
    }

    public record Decision(Channel channel, RoutingReason reason) {
    }

    private RoutingRules() {
    }

    public static Decision decide(LetterSubmitted letter, Optional<RegistrationState> registration, LocalDate today) {
        if (letter.forcePaper()) {
            return new Decision(Channel.PRINT, RoutingReason.FORCED_PAPER);
        }
        RecipientType type = letter.recipient().type();
        if (type == RecipientType.CVR) {
            return new Decision(Channel.DIGITAL, RoutingReason.COMPANY);
        }
        if (type == RecipientType.ADDRESS) {
            return new Decision(Channel.PRINT, RoutingReason.ADDRESS_ONLY_RECIPIENT);
        }
        if (registration.isEmpty()) {
            return new Decision(Channel.PRINT, RoutingReason.NOT_REGISTERED);
        }
        RegistrationState state = registration.get();
        return switch (state.status()) {
            case REGISTERED -> new Decision(Channel.DIGITAL, RoutingReason.REGISTERED);
            case UNREGISTERED -> new Decision(Channel.PRINT, RoutingReason.NOT_REGISTERED);
            // An exemption that has run out puts the citizen back on Digital Post.
            case EXEMPT -> state.exemptUntil() != null && state.exemptUntil().isBefore(today)
                    ? new Decision(Channel.DIGITAL, RoutingReason.REGISTERED)
                    : new Decision(Channel.PRINT, RoutingReason.EXEMPT);
        };
    }
}
