package dk.brevrute.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.brevrute.events.Channel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TallyTest {

    private final Tally tally = new Tally("demo-r1-");
    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final UUID c = UUID.randomUUID();
    private final UUID d = UUID.randomUUID();

    private void fourLetters() {
        tally.delivered(a, Channel.DIGITAL); // before the letter is known: counted once it is
        tally.accepted(a, "demo-r1-1");
        tally.accepted(b, "demo-r1-2");
        tally.accepted(c, "demo-r1-3");
        tally.accepted(d, "demo-r1-4");
        tally.routed(a, "demo-r1-1", 1, Channel.DIGITAL, "REGISTERED");
        tally.routed(b, "demo-r1-2", 1, Channel.DIGITAL, "REGISTERED");
        tally.routed(b, "demo-r1-2", 2, Channel.PRINT, "DIGITAL_FAILED");
        tally.routed(c, "demo-r1-3", 1, Channel.PRINT, "NOT_REGISTERED");
        tally.routed(d, "demo-r1-4", 1, Channel.PRINT, "ADDRESS_ONLY_RECIPIENT");
        tally.delivered(b, Channel.PRINT);
        tally.failed(c, "demo-r1-3", "NO_ADDRESS");
        tally.rejected("demo-r1-5", List.of("CPR_INVALID", "CPR_INVALID"));
        // another run's and another sender's events do not count
        tally.accepted(UUID.randomUUID(), "demo-r0-1");
        tally.rejected("case-77", List.of("SUBJECT_MISSING"));
    }

    @Test
    void countsAddUpWhenEveryLetterFinished() {
        fourLetters();
        tally.delivered(d, Channel.PRINT);
        Tally.Counts counts = tally.counts();
        assertEquals(new Tally.Counts(4, 1, 1, 2, 0, 1, 0, 0), counts);
        assertTrue(counts.channelsAddUp());
        assertTrue(Tally.addsUp(counts, List.of("demo-r1-5"), tally.rejectedReferences(), 5, tally.acceptedReferences()));
        assertEquals(Map.of("DIGITAL/REGISTERED", 1, "PRINT/DIGITAL_FAILED", 1, "PRINT/NOT_REGISTERED", 1,
                "PRINT/ADDRESS_ONLY_RECIPIENT", 1), tally.byChannelAndReason());
        assertEquals(1, tally.rerouted());
        assertEquals(Map.of("CPR_INVALID", 1), tally.rejectionReasons());
        assertEquals(Map.of("NO_ADDRESS", 1), tally.failureReasons());
    }

    @Test
    void anUnfinishedLetterDoesNotAddUp() {
        fourLetters();
        Tally.Counts counts = tally.counts();
        assertEquals(1, counts.pending());
        assertFalse(counts.channelsAddUp());
        assertFalse(Tally.addsUp(counts, List.of("demo-r1-5"), tally.rejectedReferences(), 5, tally.acceptedReferences()));
        // the summary names the letter that is not finished, with what the events said about it
        assertEquals(List.of(d + " (demo-r1-4): routed [PRINT/ADDRESS_ONLY_RECIPIENT], delivered []"), tally.unsettled(5));
        // as it does a failed letter that was delivered as well
        tally.delivered(d, Channel.PRINT);
        tally.delivered(c, Channel.PRINT);
        assertEquals(List.of(c + " (demo-r1-3): routed [PRINT/NOT_REGISTERED], delivered [PRINT], failed NO_ADDRESS"),
                tally.unsettled(5));
    }

    @Test
    void aLetterInBothChannelsAddsUpOnlyAsBoth() {
        fourLetters();
        tally.delivered(d, Channel.PRINT);
        tally.delivered(a, Channel.PRINT); // e.g. UNREAD_DEADLINE: recorded in both
        Tally.Counts counts = tally.counts();
        assertEquals(1, counts.both());
        assertTrue(counts.channelsAddUp());
        // a failed letter that was delivered as well is counted twice: the check catches it
        tally.delivered(c, Channel.PRINT);
        assertFalse(tally.counts().channelsAddUp());
    }

    @Test
    void rejectionsMustBeExactlyTheInvalidRequests() {
        fourLetters();
        tally.delivered(d, Channel.PRINT);
        Tally.Counts counts = tally.counts();
        assertFalse(Tally.addsUp(counts, List.of("demo-r1-5", "demo-r1-6"), tally.rejectedReferences(), 6, tally.acceptedReferences()));
        assertFalse(Tally.addsUp(counts, List.of(), tally.rejectedReferences(), 4, tally.acceptedReferences()));
        assertFalse(Tally.addsUp(counts, List.of("demo-r1-5", "demo-r1-1"), Set.of("demo-r1-5", "demo-r1-1"), 5,
                tally.acceptedReferences()));
    }

    @Test
    void cancelledLettersAreSubtracted() {
        fourLetters();
        tally.cancelled(d, "demo-r1-4");
        Tally.Counts counts = tally.counts();
        assertEquals(1, counts.cancelled());
        assertEquals(0, counts.pending());
        assertTrue(counts.channelsAddUp());
    }
}
