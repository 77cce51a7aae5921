package dk.brevrute.routing.decision;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

import dk.brevrute.events.Channel;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.Recipient.RecipientType;
import dk.brevrute.events.RegistrationStatus;
import dk.brevrute.events.RoutingReason;

/**
 * The channel decision of the source document, as plain rules in order: paper when the sender says
 * so; companies always digitally; address-only recipients on paper; citizens digitally when
 * registered and not (or no longer) exempt, otherwise on paper. When the registration cannot be
 * looked up, the policy says whether to wait or, after a deadline, to print.
 */
public final class RoutingRules {

    static final ZoneId DENMARK = ZoneId.of("Europe/Copenhagen");

    /** What routing knows about the recipient's registration. */
    public sealed interface Lookup {
        /** The registry or SF1601 answered. */
        record Known(RegistrationStatus status, LocalDate exemptUntil) implements Lookup {
        }

        /** SF1601 could not answer; the letter has been waiting since {@code since}. */
        record Unavailable(Instant since) implements Lookup {
        }
    }

    /** Print after {@code deadline} of waiting for the look-up, or wait for as long as it takes. */
    public record Policy(boolean printAfterDeadline, Duration deadline) {
    }

    public record Decision(Channel channel, RoutingReason reason) {
    }

    private RoutingRules() {
    }

    /** The decision, or empty while the letter must wait for the registration look-up. */
    public static Optional<Decision> decide(LetterSubmitted letter, Lookup lookup, Instant now, Policy policy) {
        if (letter.forcePaper()) {
            return decided(Channel.PRINT, RoutingReason.FORCED_PAPER);
        }
        RecipientType type = letter.recipient().type();
        if (type == RecipientType.CVR) {
            return decided(Channel.DIGITAL, RoutingReason.COMPANY);
        }
        if (type == RecipientType.ADDRESS) {
            return decided(Channel.PRINT, RoutingReason.ADDRESS_ONLY_RECIPIENT);
        }
        if (lookup instanceof Lookup.Unavailable unavailable) {
            boolean late = !now.isBefore(unavailable.since().plus(policy.deadline()));
            return policy.printAfterDeadline() && late ? decided(Channel.PRINT, RoutingReason.LOOKUP_UNAVAILABLE) : Optional.empty();
        }
        Lookup.Known known = (Lookup.Known) lookup;
        LocalDate today = LocalDate.ofInstant(now, DENMARK);
        return switch (known.status()) {
            case REGISTERED -> decided(Channel.DIGITAL, RoutingReason.REGISTERED);
            case UNREGISTERED -> decided(Channel.PRINT, RoutingReason.NOT_REGISTERED);
            // An exemption that has run out puts the citizen back on Digital Post.
            case EXEMPT -> known.exemptUntil() != null && known.exemptUntil().isBefore(today)
                    ? decided(Channel.DIGITAL, RoutingReason.REGISTERED)
                    : decided(Channel.PRINT, RoutingReason.EXEMPT);
        };
    }

    private static Optional<Decision> decided(Channel channel, RoutingReason reason) {
        return Optional.of(new Decision(channel, reason));
    }
}
