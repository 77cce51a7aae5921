package dk.brevrute.demo;

import dk.brevrute.events.Channel;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What the events say happened to the demo's requests. Fed from the status feed, letters.routed.v1,
 * letters.rejected.v1 and letters.delivered.v1 (in any order: a delivery may be read before the
 * letter is known to belong to this run); only requests whose sender reference carries the run's
 * prefix count. Thread-safe: one consumer thread writes, the progress printer reads.
 */
public final class Tally {

    private final String referencePrefix;
    private final Map<UUID, String> accepted = new HashMap<>();
    private final Map<String, List<String>> rejected = new LinkedHashMap<>();
    private final Map<UUID, Set<Channel>> delivered = new HashMap<>();
    private final Map<UUID, String> failed = new HashMap<>();
    private final Set<UUID> cancelled = new HashSet<>();
    /** letter id → the routing decisions, in order ("DIGITAL/REGISTERED"). */
    private final Map<UUID, List<String>> routings = new HashMap<>();
    private final Set<UUID> ours = new HashSet<>();

    Tally(String referencePrefix) {
        this.referencePrefix = referencePrefix;
    }

    String referencePrefix() {
        return referencePrefix;
    }

    boolean isOurs(String senderReference) {
        return senderReference != null && senderReference.startsWith(referencePrefix);
    }

    synchronized void accepted(UUID letterId, String senderReference) {
        if (isOurs(senderReference)) {
            accepted.put(letterId, senderReference);
            ours.add(letterId);
        }
    }

    synchronized void rejected(String senderReference, List<String> codes) {
        if (isOurs(senderReference)) {
            rejected.put(senderReference, List.copyOf(codes));
        }
    }

    synchronized void routed(UUID letterId, String senderReference, int sequence, Channel channel, String reason) {
        if (!isOurs(senderReference)) {
            return;
        }
        ours.add(letterId);
        List<String> list = routings.computeIfAbsent(letterId, k -> new java.util.ArrayList<>());
        while (list.size() < sequence) {
            list.add(null);
        }
        list.set(Math.max(0, sequence - 1), channel + "/" + reason);
    }

    /** Any letter's delivery: whether it is ours is decided when counting. */
    synchronized void delivered(UUID letterId, Channel channel) {
        delivered.computeIfAbsent(letterId, k -> EnumSet.noneOf(Channel.class)).add(channel);
    }

    synchronized void failed(UUID letterId, String senderReference, String reason) {
        if (isOurs(senderReference)) {
            failed.put(letterId, reason == null ? "unknown" : reason);
        }
    }

    synchronized void cancelled(UUID letterId, String senderReference) {
        if (isOurs(senderReference)) {
            cancelled.add(letterId);
        }
    }

    synchronized Counts counts() {
        int digital = 0;
        int paper = 0;
        int both = 0;
        int done = 0;
        for (UUID id : accepted.keySet()) {
            Set<Channel> channels = delivered.getOrDefault(id, Set.of());
            if (channels.contains(Channel.DIGITAL)) {
                digital++;
            }
            if (channels.contains(Channel.PRINT)) {
                paper++;
            }
            if (channels.size() == 2) {
                both++;
            }
            if (!channels.isEmpty() || failed.containsKey(id) || cancelled.contains(id)) {
                done++;
            }
        }
        int failedCount = (int) failed.keySet().stream().filter(accepted::containsKey).count();
        int cancelledCount = (int) cancelled.stream().filter(accepted::containsKey).count();
        return new Counts(accepted.size(), rejected.size(), digital, paper, both, failedCount, cancelledCount,
                accepted.size() - done);
    }

    /**
     * Up to {@code max} of this run's letters that keep the counts from adding up, each with what the
     * events said about it: accepted but not finished, or finished twice over (failed or cancelled
     * and yet delivered). Letter ids and sender references only.
     */
    synchronized List<String> unsettled(int max) {
        List<String> result = new java.util.ArrayList<>();
        for (Map.Entry<UUID, String> letter : accepted.entrySet()) {
            UUID id = letter.getKey();
            Set<Channel> channels = delivered.getOrDefault(id, Set.of());
            boolean ended = failed.containsKey(id) || cancelled.contains(id);
            if ((channels.isEmpty() && !ended) || (!channels.isEmpty() && ended)) {
                result.add(String.format("%s (%s): routed %s, delivered %s%s%s", id, letter.getValue(),
                        routings.getOrDefault(id, List.of()), channels, failed.containsKey(id) ? ", failed " + failed.get(id) : "",
                        cancelled.contains(id) ? ", cancelled" : ""));
                if (result.size() == max) {
                    break;
                }
            }
        }
        return result;
    }

    /** Letters by their final routing decision ("DIGITAL/REGISTERED" → count). */
    synchronized Map<String, Integer> byChannelAndReason() {
        Map<String, Integer> result = new TreeMap<>();
        for (List<String> decisions : routings.values()) {
            String last = null;
            for (String d : decisions) {
                if (d != null) {
                    last = d;
                }
            }
            if (last != null) {
                result.merge(last, 1, Integer::sum);
            }
        }
        return result;
    }

    /** Letters routed more than once, by the decision that replaced the first (e.g. PRINT/DIGITAL_FAILED). */
    synchronized int rerouted() {
        return (int) routings.values().stream().filter(l -> l.size() > 1).count();
    }

    synchronized int routedLetters() {
        return routings.size();
    }

    /** Rejection reason code → requests. */
    synchronized Map<String, Integer> rejectionReasons() {
        Map<String, Integer> result = new TreeMap<>();
        for (List<String> codes : rejected.values()) {
            for (String code : new java.util.TreeSet<>(codes)) {
                result.merge(code, 1, Integer::sum);
            }
        }
        return result;
    }

    synchronized Map<String, Integer> failureReasons() {
        Map<String, Integer> result = new TreeMap<>();
        failed.forEach((id, reason) -> {
            if (accepted.containsKey(id)) {
                result.merge(reason, 1, Integer::sum);
            }
        });
        return result;
    }

    synchronized Set<String> rejectedReferences() {
        return Set.copyOf(rejected.keySet());
    }

    synchronized Set<String> acceptedReferences() {
        return Set.copyOf(accepted.values());
    }

    /** The counts the summary checks. */
    public record Counts(int accepted, int rejected, int digital, int paper, int both, int failed, int cancelled, int pending) {

        /** digital + paper = accepted − cancelled − failed + letters recorded in both channels. */
        public boolean channelsAddUp() {
            return digital + paper == accepted - cancelled - failed + both;
        }
    }

    /** The whole check: channels add up, nothing pending, and exactly the invalid requests were rejected. */
    static boolean addsUp(Counts counts, Collection<String> invalidReferences, Set<String> rejectedReferences,
            int requestsSent, Set<String> acceptedReferences) {
        return counts.pending() == 0
                && counts.channelsAddUp()
                && rejectedReferences.equals(Set.copyOf(invalidReferences))
                && counts.accepted() + counts.rejected() == requestsSent
                && invalidReferences.stream().noneMatch(acceptedReferences::contains);
    }
}
