package dk.brevrute.events;

import java.time.Instant;
import java.util.UUID;

/**
 * routing-service decided a channel. A letter is routed once, and again only for a recorded
 * fallback ({@code DIGITAL_FAILED} with the {@code failureKind}) or {@code UNREAD_DEADLINE};
 * {@code sequence} counts the decisions for the letter, starting at 1. {@code letter} is the letter
 * as submitted, so the delivering service needs no second look-up (it carries the recipient, so the
 * topic keeps records only briefly). {@code registrationCheckedAt}: when SF1601 (PostForespoerg) last
 * answered that the recipient can receive Digital Post, for a DIGITAL decision that rests on such an
 * answer (routing's own question, or one it remembered); null for every other decision, and for a
 * registration the registry knew. The delivering gateway asks again unless that answer is recent.
 * Key: letter id.
 */
public record LetterRouted(
        UUID eventId,
        Instant occurredAt,
        UUID letterId,
        String department,
        Channel channel,
        RoutingReason reason,
        FailureKind failureKind,
        int sequence,
        LetterSubmitted letter,
        Instant registrationCheckedAt) implements BrevruteEvent {
}
