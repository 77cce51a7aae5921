package dk.brevrute.routing.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.brevrute.events.Channel;
import dk.brevrute.events.CitizenKey;
import dk.brevrute.events.DeliveryFailed;
import dk.brevrute.events.FailureKind;
import dk.brevrute.events.LetterCancelled;
import dk.brevrute.events.LetterRead;
import dk.brevrute.events.LetterRouted;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.Recipient.RecipientType;
import dk.brevrute.events.RoutingReason;
import dk.brevrute.events.Topics;
import dk.brevrute.kit.messaging.Outbox;
import dk.brevrute.kit.transaction.TransactionMemo;
import dk.brevrute.routing.config.RoutingConfig;
import dk.brevrute.routing.decision.RoutingRules.Decision;
import dk.brevrute.routing.registry.RegistryLookup;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

/**
 * Decides each letter's channel once, and again only for a recorded reason: a digital failure
 * (DIGITAL_FAILED), no read receipt in time (UNREAD_DEADLINE), or a print-centre re-check that finds
 * the citizen registered after all. Every decision is a row and a letters.routed.v1 event, written
 * in one transaction.
 */
@ApplicationScoped
public class Router {

    private static final Logger LOG = Logger.getLogger(Router.class);
    /** Paper decisions a re-check may turn digital: the citizen was not on Digital Post at the time. */
    private static final Set<RoutingReason> RECHECKABLE = EnumSet.of(RoutingReason.NOT_REGISTERED, RoutingReason.EXEMPT,
            RoutingReason.LOOKUP_UNAVAILABLE);

    private final RoutedLetterRepository letters;
    private final RoutingDecisionRepository decisions;
    private final RegistryLookup registry;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final RoutingConfig config;
    private final MeterRegistry meters;
    private final CitizenKey citizenKey;
    private final TransactionMemo memo;

    Router(RoutedLetterRepository letters, RoutingDecisionRepository decisions, RegistryLookup registry, Outbox outbox,
            ObjectMapper mapper, RoutingConfig config, MeterRegistry meters, CitizenKey citizenKey, TransactionMemo memo) {
        this.letters = letters;
        this.decisions = decisions;
        this.registry = registry;
        this.outbox = outbox;
        this.mapper = mapper;
        this.config = config;
        this.meters = meters;
        this.citizenKey = citizenKey;
        this.memo = memo;
    }

    /** Whether deciding this letter now takes its citizen's registration (a CPR recipient, not forced to paper, not held). */
    public boolean needsLookup(LetterSubmitted letter) {
        return !letter.forcePaper() && letter.recipient() != null && letter.recipient().type() == RecipientType.CPR
                && (letter.notBefore() == null || !letter.notBefore().isAfter(Instant.now()));
    }

    /** The registration answer a letter needs, asked before its transaction starts. */
    public Optional<RegistryLookup.Answer> lookupFor(LetterSubmitted letter) {
        return needsLookup(letter) ? Optional.of(registry.lookup(letter.recipient().cpr(), null)) : Optional.empty();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onSubmitted(LetterSubmitted letter, Optional<RegistryLookup.Answer> answer) {
        onSubmitted(letter, answer, List.of(letter.letterId()));
    }

    /**
     * As {@link #onSubmitted(LetterSubmitted, Optional)}, for one of a poll's letters ({@code poll}: the
     * ids of them all): which of them routing has already is read in one statement, for the first.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onSubmitted(LetterSubmitted letter, Optional<RegistryLookup.Answer> answer, Collection<UUID> poll) {
        if (known(letter.letterId(), poll)) {
            return;
        }
        Instant now = Instant.now();
        RoutedLetter row = new RoutedLetter();
        row.letterId = letter.letterId();
        row.department = letter.department();
        row.letter = json(letter);
        row.citizenKey = citizenKeyOf(letter);
        row.createdAt = now;
        row.updatedAt = now;
        if (letter.notBefore() != null && letter.notBefore().isAfter(now)) {
            row.state = RoutedLetter.State.HELD;
            row.nextAttemptAt = letter.notBefore();
            letters.persist(row);
            LOG.infof("letter %s held until %s", letter.letterId(), letter.notBefore());
            return;
        }
        decide(row, letter, answer.orElse(null), now);
        letters.persist(row);
    }

    /** The letters a transaction asked about together, and of them (with those it added since) the ones routing has. */
    private record Known(Set<UUID> asked, Set<UUID> routed) {
    }

    private static final String KNOWN = Router.class.getName() + ".known";

    /**
     * Whether routing has this letter already; if not, it counts as known from now on in this
     * transaction, which is about to add it. A poll's letters are read together the first time, and
     * remembered in the transaction ({@link TransactionMemo}); a letter alone keeps Hibernate's load by
     * id, whose plan it keeps.
     */
    private boolean known(UUID letterId, Collection<UUID> poll) {
        if (poll.size() > 1) {
            Known known = memo.get(KNOWN, () -> new Known(Set.copyOf(poll), letters.idsAmong(poll)));
            if (known.asked().contains(letterId)) {
                return !known.routed().add(letterId);
            }
        }
        return letters.findByIdOptional(letterId).isPresent();
    }

    /** Locks these letters' rows together, for the read receipts of a poll that follow ({@link #onRead}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockForReads(Collection<LetterRead> reads) {
        letters.lockAll(reads.stream().map(LetterRead::letterId).filter(Objects::nonNull).toList());
    }

    /** Held letters whose time has come and letters waiting for the look-up; returns how many were handled. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int runDue(int limit) {
        Instant now = Instant.now();
        List<RoutedLetter> due = letters.claimDue(now, limit);
        for (RoutedLetter row : due) {
            LetterSubmitted letter = parse(row.letter);
            RegistryLookup.Answer answer = null;
            if (!letter.forcePaper() && letter.recipient().type() == RecipientType.CPR) {
                answer = registry.lookup(letter.recipient().cpr(), row.lookupSince);
            }
            decide(row, letter, answer, now);
        }
        return due.size();
    }

    /** Digital letters nobody read in time get a paper copy, once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int runUnread(int limit) {
        List<RoutedLetter> unread = letters.claimUnread(Instant.now(), limit);
        for (RoutedLetter row : unread) {
            emit(row, parse(row.letter), Channel.PRINT, RoutingReason.UNREAD_DEADLINE, null, null);
            row.fallbackDone = true;
        }
        return unread.size();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onDeliveryFailed(DeliveryFailed failed) {
        if (failed.channel() != Channel.DIGITAL || failed.kind() == FailureKind.TRANSIENT) {
            return;
        }
        RoutedLetter row = letters.locked(failed.letterId());
        if (row == null) {
            LOG.warnf("delivery failure for unknown letter %s ignored", failed.letterId());
            return;
        }
        if (row.routedChannel != Channel.DIGITAL || row.fallbackDone || row.state == RoutedLetter.State.CANCELLED) {
            return;
        }
        if (row.contentStrippedAt != null) {
            LOG.warnf("delivery failure for letter %s after retention removed its content: no paper fallback", failed.letterId());
            return;
        }
        emit(row, parse(row.letter), Channel.PRINT, RoutingReason.DIGITAL_FAILED, failed.kind(), null);
        row.fallbackDone = true;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onRead(LetterRead read) {
        RoutedLetter row = letters.locked(read.letterId());
        if (row != null && row.readAt == null) {
            row.readAt = read.readAt() != null ? read.readAt() : read.occurredAt();
            row.updatedAt = Instant.now();
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onCancelled(LetterCancelled cancelled) {
        RoutedLetter row = letters.locked(cancelled.letterId());
        if (row == null) {
            // Cancelled before routing heard of it (another topic, another order): remember, so it is never routed.
            Instant now = Instant.now();
            row = new RoutedLetter();
            row.letterId = cancelled.letterId();
            row.department = cancelled.department();
            row.letter = "{}";
            row.state = RoutedLetter.State.CANCELLED;
            row.fallbackDone = true;
            row.createdAt = now;
            row.updatedAt = now;
            letters.persist(row);
            return;
        }
        if (row.state != RoutedLetter.State.ROUTED) {
            row.state = RoutedLetter.State.CANCELLED;
        }
        // A cancelled letter gets no paper copy for being unread.
        row.fallbackDone = true;
        row.updatedAt = Instant.now();
    }

    /** The answer to a print-centre re-check of one letter. */
    public record Recheck(UUID letterId, Channel channel, RoutingReason reason) {
    }

    /**
     * Re-checks a letter waiting for print: a citizen who registered in the meantime gets it digitally
     * (a new decision is published), anyone else stays on paper.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Recheck> recheck(UUID letterId) {
        return recheck(letters.locked(letterId), letterId, Map.of());
    }

    /**
     * Re-checks these letters in one transaction, as {@link #recheck(UUID)} each: their rows locked in
     * one statement, the registrations of the citizens of those a re-check may turn digital read
     * together ({@link RegistryLookup#lookupAll}, SF1601 asked on this thread for the ones nobody knows).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Recheck> recheckAll(List<UUID> letterIds) {
        letters.lockAll(letterIds);
        Map<UUID, RoutedLetter> rows = new HashMap<>();
        List<String> citizens = new ArrayList<>();
        for (UUID id : letterIds) {
            if (!rows.containsKey(id)) {
                RoutedLetter row = letters.locked(id);
                rows.put(id, row);
                if (row != null && recheckable(row)) {
                    citizens.add(parse(row.letter).recipient().cpr());
                }
            }
        }
        Map<String, RegistryLookup.Answer> answers = citizens.isEmpty() ? Map.of() : registry.lookupAll(citizens, Runnable::run);
        List<Recheck> rechecks = new ArrayList<>();
        for (UUID id : letterIds) {
            recheck(rows.get(id), id, answers).ifPresent(rechecks::add);
        }
        return rechecks;
    }

    /** A paper decision a re-check may turn digital: the citizen was not on Digital Post then, and nothing has happened since. */
    private static boolean recheckable(RoutedLetter row) {
        return row.state == RoutedLetter.State.ROUTED && row.routedChannel == Channel.PRINT && RECHECKABLE.contains(row.routedReason)
                && !row.fallbackDone && row.contentStrippedAt == null;
    }

    /** {@code answers}: registrations already read, by CPR number; a citizen not among them is looked up now. */
    private Optional<Recheck> recheck(RoutedLetter row, UUID letterId, Map<String, RegistryLookup.Answer> answers) {
        if (row == null || row.state != RoutedLetter.State.ROUTED) {
            return Optional.empty();
        }
        if (recheckable(row)) {
            LetterSubmitted letter = parse(row.letter);
            RegistryLookup.Answer answer = answers.get(letter.recipient().cpr());
            if (answer == null) {
                answer = registry.lookup(letter.recipient().cpr(), null);
            }
            Optional<Decision> now = RoutingRules.decide(letter, answer.lookup(), Instant.now(), policy());
            if (now.isPresent() && now.get().channel() == Channel.DIGITAL) {
                emit(row, letter, Channel.DIGITAL, now.get().reason(), null, answer.sf1601AnsweredAt());
            }
        }
        return Optional.of(new Recheck(letterId, row.routedChannel, row.routedReason));
    }

    private void decide(RoutedLetter row, LetterSubmitted letter, RegistryLookup.Answer answer, Instant now) {
        Optional<Decision> decision = RoutingRules.decide(letter, answer == null ? null : answer.lookup(), now, policy());
        if (decision.isEmpty()) {
            if (row.lookupSince == null) {
                row.lookupSince = now;
                LOG.infof("letter %s waits for the registration look-up", row.letterId);
            }
            row.state = RoutedLetter.State.WAITING_LOOKUP;
            row.nextAttemptAt = now.plus(config.lookup().retryInterval());
            row.updatedAt = now;
            return;
        }
        emit(row, letter, decision.get().channel(), decision.get().reason(), null, answer == null ? null : answer.sf1601AnsweredAt());
    }

    /** {@code sf1601AnsweredAt}: when SF1601 gave the answer this decision rests on (only a DIGITAL one carries it). */
    private void emit(RoutedLetter row, LetterSubmitted letter, Channel channel, RoutingReason reason, FailureKind failureKind,
            Instant sf1601AnsweredAt) {
        Instant now = Instant.now();
        int sequence = row.decisions + 1;
        RoutingDecision decision = new RoutingDecision();
        decision.key = new RoutingDecision.Key(row.letterId, sequence);
        decision.department = row.department;
        decision.channel = channel;
        decision.reason = reason;
        decision.failureKind = failureKind;
        decision.decidedAt = now;
        decisions.persist(decision);
        outbox.append(Topics.LETTERS_ROUTED, row.letterId.toString(), new LetterRouted(UUID.randomUUID(), now, row.letterId,
                row.department, channel, reason, failureKind, sequence, letter,
                channel == Channel.DIGITAL && reason == RoutingReason.REGISTERED ? sf1601AnsweredAt : null));

        row.state = RoutedLetter.State.ROUTED;
        row.routedChannel = channel;
        row.routedReason = reason;
        row.routedAt = now;
        row.decisions = sequence;
        row.nextAttemptAt = null;
        row.updatedAt = now;
        if (channel == Channel.DIGITAL && letter.printIfUnreadAfterDays() != null && row.unreadDeadline == null) {
            row.unreadDeadline = now.plus(Duration.ofDays(letter.printIfUnreadAfterDays()));
        }
        meters.counter("brevrute.letters.routed", "channel", channel.name(), "reason", reason.name()).increment();
        LOG.infof("letter %s routed %s (%s), decision %d", row.letterId, channel, reason, sequence);
    }

    /** The keyed hash of a citizen recipient's CPR number; null for companies, addresses and unreadable numbers. */
    String citizenKeyOf(LetterSubmitted letter) {
        if (letter.recipient() == null || letter.recipient().type() != RecipientType.CPR || letter.recipient().cpr() == null) {
            return null;
        }
        try {
            return citizenKey.of(letter.recipient().cpr());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private RoutingRules.Policy policy() {
        return new RoutingRules.Policy(config.lookup().policy() == RoutingConfig.UnavailablePolicy.PRINT_AFTER_DEADLINE,
                config.lookup().printAfter());
    }

    private String json(LetterSubmitted letter) {
        try {
            return mapper.writeValueAsString(letter);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private LetterSubmitted parse(String json) {
        try {
            return mapper.readValue(json, LetterSubmitted.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored letter is not readable");
        }
    }
}
