package dk.brevrute.print.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class EnvelopePlannerTest {

    static EnvelopePlanner.Item item(String cpr, String address, int sheets, boolean window, String zone, String postcode) {
        return new EnvelopePlanner.Item(UUID.randomUUID(), cpr, address, sheets, window, zone, zone.equals("DK") ? "DK" : "SE", postcode);
    }

    @Test
    void sameCitizenOrSameAddressShareAnEnvelopeTransitively() {
        var a = item("k1", "addr1", 1, false, "DK", "2100");
        var b = item("k1", "addr2", 1, false, "DK", "2100"); // same citizen, other address
        var c = item(null, "addr2", 1, false, "DK", "2100"); // same address as b
        var d = item("k2", "addr3", 1, false, "DK", "1000");
        List<EnvelopePlanner.Planned> plan = EnvelopePlanner.plan(List.of(a, b, c, d), 6);
        assertEquals(2, plan.size());
        assertEquals(List.of(d), plan.get(0).letters(), "sorted by postcode");
        assertEquals(3, plan.get(1).letters().size());
        assertEquals(4, plan.get(1).sheets(), "three sheets and one carrier");
    }

    @Test
    void consolidationStopsAtTheMaximumSheets() {
        var a = item("k", "x", 3, false, "DK", "2100");
        var b = item("k", "x", 3, false, "DK", "2100");
        var c = item("k", "x", 2, false, "DK", "2100");
        List<EnvelopePlanner.Planned> plan = EnvelopePlanner.plan(List.of(a, b, c), 6);
        assertEquals(2, plan.size());
        assertTrue(plan.stream().allMatch(p -> p.sheets() <= 6));
    }

    @Test
    void aLetterShowingTheAddressGoesFirstAndSavesTheCarrier() {
        var plain = item("k", "x", 1, false, "DK", "2100");
        var window = item("k", "y", 1, true, "DK", "2100");
        EnvelopePlanner.Planned p = EnvelopePlanner.plan(List.of(plain, window), 6).get(0);
        assertEquals(window, p.first());
        assertFalse(p.carrier());
        assertEquals(2, p.sheets());
    }

    @Test
    void denmarkFirstThenAbroad() {
        var world = item(null, "w", 1, false, "WORLD", "10001");
        var europe = item(null, "e", 1, false, "EUROPE", "11122");
        var dk = item(null, "d", 1, false, "DK", "9000");
        List<EnvelopePlanner.Planned> plan = EnvelopePlanner.plan(List.of(world, europe, dk), 6);
        assertEquals(List.of(dk, europe, world), plan.stream().map(EnvelopePlanner.Planned::first).toList());
    }
}
