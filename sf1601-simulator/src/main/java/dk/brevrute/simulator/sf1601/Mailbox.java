package dk.brevrute.simulator.sf1601;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.simulator.memo.MemoValidator.ValidMemo;

/**
 * The simulated Digital Post: SF1601 transactions (de-duplicated by {@code X-TransaktionsId}) and
 * the messages placed in mailboxes, with counters per letter (by {@code messageUUID}) that keep
 * apart raw POST attempts, transactions and placements. In memory only: it is a test double.
 */
@ApplicationScoped
class Mailbox {

    /** The answer to a KombiPostAfsend transaction; a repeated transaction gets the same answer. */
    record Outcome(int status, Map<String, Object> body, boolean placed, boolean duplicate) {
    }

    record Transaction(UUID id, UUID messageUuid, String bodySha256, int status, Map<String, Object> body, Instant at) {
    }

    /** A message in a mailbox. The recipient's number is not kept, only its type. */
    record Placement(UUID messageUuid, UUID transactionId, String recipientIdType, String label, int pages, Instant placedAt) {
    }

    record LetterCounts(UUID messageUuid, int postAttempts, int transactions, int mailboxPlacements, List<UUID> transactionIds) {
    }

    record Totals(long postAttempts, long transactions, long mailboxPlacements, long duplicateTransactions, long invalid,
            long refusedRecipients, Map<Faults.Fault, Long> faults, int letters, long lettersPlacedMoreThanOnce) {
    }

    private static final class Letter {
        final AtomicInteger postAttempts = new AtomicInteger();
        final Set<UUID> transactions = ConcurrentHashMap.newKeySet();
        final AtomicInteger placements = new AtomicInteger();
    }

    private final Map<UUID, Transaction> transactions = new ConcurrentHashMap<>();
    private final Map<UUID, Letter> letters = new ConcurrentHashMap<>();
    private final List<Placement> placements = new ArrayList<>();
    private final AtomicLong postAttempts = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong invalid = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final Map<Faults.Fault, AtomicLong> faults = new EnumMap<>(Faults.Fault.class);

    Mailbox() {
        for (Faults.Fault f : Faults.Fault.values()) {
            faults.put(f, new AtomicLong());
        }
    }

    /** Counts a raw POST; {@code messageUuid} is null when the body did not even name a letter. */
    void attempt(UUID messageUuid) {
        postAttempts.incrementAndGet();
        if (messageUuid != null) {
            letter(messageUuid).postAttempts.incrementAndGet();
        }
    }

    void fault(Faults.Fault fault) {
        faults.get(fault).incrementAndGet();
    }

    void invalid() {
        invalid.incrementAndGet();
    }

    /**
     * Takes a valid message under a transaction id. A transaction seen before gets its first answer
     * again (nothing new is placed); the same id with another message is a conflict.
     */
    synchronized Outcome submit(UUID transactionId, ValidMemo memo, String bodySha256, Registry registry) {
        Transaction known = transactions.get(transactionId);
        if (known != null) {
            if (!known.messageUuid().equals(memo.messageUuid()) || !known.bodySha256().equals(bodySha256)) {
                return new Outcome(409, error("TRANSACTION_CONFLICT",
                        "X-TransaktionsId was used before for another message"), false, false);
            }
            duplicates.incrementAndGet();
            return new Outcome(known.status(), known.body(), false, true);
        }
        Letter letter = letter(memo.messageUuid());
        letter.transactions.add(transactionId);
        Registry.Status status = registry.status(memo.recipient().id(), memo.recipient().idType());
        Outcome outcome = switch (status) {
            case UNKNOWN -> new Outcome(400, error("UNKNOWN_RECIPIENT", "the recipient is not known to Digital Post"), false, false);
            case NOT_REGISTERED -> new Outcome(400, error("RECIPIENT_NOT_REGISTERED",
                    "the recipient is not registered for Digital Post"), false, false);
            case EXEMPT -> new Outcome(400, error("RECIPIENT_EXEMPT", "the recipient is exempt from Digital Post"), false, false);
            case REGISTERED -> {
                letter.placements.incrementAndGet();
                int pages = memo.mainDocumentFiles().stream().mapToInt(f -> f.pages()).sum();
                placements.add(new Placement(memo.messageUuid(), transactionId, memo.recipient().idType(), memo.label(), pages,
                        Instant.now()));
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("transaktionsId", transactionId.toString());
                body.put("messageUUID", memo.messageUuid().toString());
                body.put("status", "ACCEPTED");
                yield new Outcome(200, body, true, false);
            }
        };
        if (!outcome.placed()) {
            refused.incrementAndGet();
        }
        transactions.put(transactionId, new Transaction(transactionId, memo.messageUuid(), bodySha256, outcome.status(),
                outcome.body(), Instant.now()));
        return outcome;
    }

    Transaction transaction(UUID id) {
        return transactions.get(id);
    }

    LetterCounts counts(UUID messageUuid) {
        Letter l = letters.get(messageUuid);
        if (l == null) {
            return null;
        }
        return new LetterCounts(messageUuid, l.postAttempts.get(), l.transactions.size(), l.placements.get(),
                l.transactions.stream().sorted().toList());
    }

    /** Letters placed in a mailbox more than once (each under another transaction id): a defect of the sender. */
    List<LetterCounts> placedMoreThanOnce() {
        return letters.keySet().stream().map(this::counts).filter(c -> c.mailboxPlacements() > 1)
                .sorted(Comparator.comparing(LetterCounts::messageUuid)).toList();
    }

    synchronized List<Placement> placements() {
        return List.copyOf(placements);
    }

    synchronized Totals totals() {
        Map<Faults.Fault, Long> f = new EnumMap<>(Faults.Fault.class);
        faults.forEach((k, v) -> {
            if (k != Faults.Fault.NONE) {
                f.put(k, v.get());
            }
        });
        long twice = letters.values().stream().filter(l -> l.placements.get() > 1).count();
        return new Totals(postAttempts.get(), transactions.size(), placements.size(), duplicates.get(), invalid.get(), refused.get(),
                f, letters.size(), twice);
    }

    synchronized void reset() {
        transactions.clear();
        letters.clear();
        placements.clear();
        postAttempts.set(0);
        duplicates.set(0);
        invalid.set(0);
        refused.set(0);
        faults.values().forEach(v -> v.set(0));
    }

    private Letter letter(UUID messageUuid) {
        return letters.computeIfAbsent(messageUuid, k -> new Letter());
    }

    static Map<String, Object> error(String code, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorCode", code);
        body.put("errorText", text);
        return body;
    }
}
