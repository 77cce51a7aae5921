package dk.brevrute.intake.letter;

import java.util.List;
import java.util.UUID;

import dk.brevrute.events.Violation;

/** What became of a letter request: a letter (new, or the same one again), or a rejection with reasons. */
public sealed interface IntakeOutcome {

    record Accepted(UUID letterId, boolean created) implements IntakeOutcome {
    }

    record Rejected(List<Violation> violations) implements IntakeOutcome {
    }
}
