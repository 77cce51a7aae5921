package dk.brevrute.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DbStatsTest {

    @Test
    void countsWhatThePhaseAddedPerLetterAndListsTheMostFrequentStatementsFirst() {
        Map<String, DbStats.Db> before = Map.of("letter_intake", new DbStats.Db(100, 1, Map.of(
                "1", new DbStats.Query("INSERT INTO outbox_event ...", 40, 10.0),
                "2", new DbStats.Query("COMMIT", 100, 5.0))));
        Map<String, DbStats.Db> after = Map.of("letter_intake", new DbStats.Db(300, 1, Map.of(
                "1", new DbStats.Query("INSERT INTO outbox_event ...", 840, 90.0),
                "2", new DbStats.Query("COMMIT", 300, 25.0),
                "3", new DbStats.Query("SELECT 1", 0, 0.0),
                "4", new DbStats.Query("UPDATE letter ...", 150, 400.0))));

        Map<String, Object> out = DbStats.perLetter(before, after, 200, List.of("letter-intake", "savings-ledger"));

        assertEquals(List.of("letter-intake"), List.copyOf(out.keySet()), "a service whose database was not read is left out");
        @SuppressWarnings("unchecked")
        Map<String, Object> intake = (Map<String, Object>) out.get("letter-intake");
        assertEquals(200L, intake.get("commits"));
        assertEquals(1.0, intake.get("commitsPerLetter"));
        assertEquals(0L, intake.get("rollbacks"));
        assertEquals(1150L, intake.get("statements"));
        assertEquals(5.75, intake.get("statementsPerLetter"));
        assertEquals(2.5, intake.get("statementMsPerLetter"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> top = (List<Map<String, Object>>) intake.get("mostFrequent");
        assertEquals(List.of("INSERT INTO outbox_event ...", "COMMIT", "UPDATE letter ..."), top.stream().map(t -> t.get("statement")).toList(),
                "statements the phase did not run are not listed");
        assertEquals(4.0, top.get(0).get("perLetter"));
        assertEquals(2.0, top.get(2).get("msPerLetter"));
    }

    @Test
    void withoutStatementStatisticsOnlyCommitsAreReported() {
        Map<String, Object> out = DbStats.perLetter(Map.of("routing_service", new DbStats.Db(10, 0, Map.of())),
                Map.of("routing_service", new DbStats.Db(30, 0, Map.of())), 10, List.of("routing-service"));
        @SuppressWarnings("unchecked")
        Map<String, Object> routing = (Map<String, Object>) out.get("routing-service");
        assertEquals(2.0, routing.get("commitsPerLetter"));
        assertFalse(routing.containsKey("statementsPerLetter"));
    }
}
