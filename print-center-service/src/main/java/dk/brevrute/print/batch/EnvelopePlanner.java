package dk.brevrute.print.batch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Puts a closing batch's letters into envelopes. Letters to the same recipient (same citizen key,
 * or same normalised address, transitively) share an envelope while their sheets, plus a carrier
 * sheet unless one of them shows the address in its own window, stay within {@code maxSheets}; a
 * letter that shows its own address goes first in its envelope. Envelopes are sorted for the postal
 * operator: Denmark first, by postcode, then abroad by zone, country and postcode.
 */
final class EnvelopePlanner {

    /** A letter as the planner sees it; {@code sheets} are its own pages' sheets, no carrier. */
    record Item(UUID letterId, String citizenKey, String addressKey, int sheets, boolean showsOwnAddress, String zone,
            String country, String postcode) {
    }

    record Planned(List<Item> letters, boolean carrier, int sheets) {
        Item first() {
            return letters.get(0);
        }
    }

    private EnvelopePlanner() {
    }

    /** {@code items} in arrival order. */
    static List<Planned> plan(List<Item> items, int maxSheets) {
        Map<Integer, List<Item>> groups = new LinkedHashMap<>();
        int[] parent = unionFind(items);
        for (int i = 0; i < items.size(); i++) {
            groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(items.get(i));
        }
        List<Planned> envelopes = new ArrayList<>();
        for (List<Item> group : groups.values()) {
            List<Item> current = new ArrayList<>();
            for (Item item : group) {
                if (!current.isEmpty()) {
                    List<Item> candidate = new ArrayList<>(current);
                    candidate.add(item);
                    if (sheets(candidate) <= maxSheets) {
                        current = candidate;
                        continue;
                    }
                    envelopes.add(envelope(current));
                }
                current = new ArrayList<>(List.of(item));
            }
            envelopes.add(envelope(current));
        }
        envelopes.sort(PRINT_ORDER);
        return envelopes;
    }

    private static final Comparator<Planned> PRINT_ORDER = Comparator
            .comparingInt((Planned p) -> zoneRank(p.first().zone()))
            .thenComparing(p -> p.first().country())
            .thenComparing(p -> p.first().postcode() == null ? "" : p.first().postcode())
            .thenComparing(p -> p.first().letterId());

    private static int zoneRank(String zone) {
        return switch (zone) {
            case "DK" -> 0;
            case "EUROPE" -> 1;
            default -> 2;
        };
    }

    private static Planned envelope(List<Item> letters) {
        List<Item> ordered = new ArrayList<>(letters);
        // The letter whose window shows the address goes first: then no carrier sheet is needed.
        ordered.sort(Comparator.comparing((Item i) -> !i.showsOwnAddress()));
        boolean carrier = !ordered.get(0).showsOwnAddress();
        return new Planned(List.copyOf(ordered), carrier, sheets(ordered));
    }

    private static int sheets(List<Item> letters) {
        boolean carrier = letters.stream().noneMatch(Item::showsOwnAddress);
        return letters.stream().mapToInt(Item::sheets).sum() + (carrier ? 1 : 0);
    }

    private static int[] unionFind(List<Item> items) {
        int[] parent = new int[items.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            for (String key : new String[] {citizen(items.get(i)), address(items.get(i))}) {
                if (key == null) {
                    continue;
                }
                Integer other = seen.putIfAbsent(key, i);
                if (other != null) {
                    parent[find(parent, i)] = find(parent, other);
                }
            }
        }
        return parent;
    }

    private static String citizen(Item i) {
        return i.citizenKey() == null ? null : "cpr:" + i.citizenKey();
    }

    private static String address(Item i) {
        return i.addressKey() == null ? null : "addr:" + i.addressKey();
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
