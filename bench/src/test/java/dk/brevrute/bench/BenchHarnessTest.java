package dk.brevrute.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The harness end to end, small: the packaged services started by bin/brevrute (own data folder,
 * free ports), 160 letters over Kafka, REST and a short paced phase, the correctness checks, a small
 * raw chain, one service restarted alone, the JSON and Markdown written, everything stopped. It
 * asserts what the harness produced and that the run was correct, never how fast it was.
 */
class BenchHarnessTest {

    @Test
    void smallRunIsCorrectAndWritesItsResults() throws Exception {
        Path benchHome = Path.of("").toAbsolutePath();
        Path repo = Path.of(System.getProperty("brevrute.project.root", "..")).toAbsolutePath().normalize();
        Path out = benchHome.resolve("target/bench-test");
        String classpath = benchHome.resolve("target/classes") + ":" + Bench.readClasspath(benchHome);
        Options options = Options.parse("--letters", "100", "--rest-letters", "30", "--rest-clients", "4", "--latency-rate", "15",
                "--latency-seconds", "2", "--raw-records", "3000", "--ready-probe", "sf1601-simulator", "--phase-timeout", "240", "--idle-seconds", "3",
                "--out", out.toString());

        Bench.Outcome outcome = new Bench(options, repo, benchHome, classpath).run();

        assertTrue(Files.size(outcome.json()) > 0 && Files.size(outcome.markdown()) > 0);
        JsonNode r = Requests.JSON.readTree(outcome.json().toFile());
        assertTrue(r.path("run").path("machine").path("systemJava").asText().contains("VM"), "the system's Java is recorded");
        JsonNode correctness = r.path("correctness");
        assertTrue(correctness.path("passed").asBoolean(), "correctness: " + correctness.toPrettyString());
        assertEquals(0, correctness.path("lost").asLong());
        assertEquals(0, correctness.path("deliveredTwice").asLong());
        assertTrue(correctness.path("ledgerExact").asBoolean());

        for (String phase : List.of("kafka", "rest", "latency")) {
            JsonNode p = r.path("phases").path(phase);
            assertTrue(p.path("finishedInTime").asBoolean(), phase + " finished");
            assertTrue(p.path("deliveredDigital").asInt() > 0 && p.path("deliveredPrint").asInt() > 0, phase + " used both channels");
            assertTrue(p.path("lettersPerSecond").path("endToEnd").asDouble() > 0);
            assertTrue(p.path("cpu").has("letter-intake") && p.path("cpu").has("postgres") && p.path("cpu").has("kafka"));
            for (String service : List.of("letter-intake", "routing-service", "eboks-gateway", "print-center-service", "savings-ledger")) {
                JsonNode db = p.path("database").path(service);
                assertTrue(db.path("commitsPerLetter").asDouble() > 0 && db.path("statementsPerLetter").asDouble() > 0
                        && db.path("mostFrequent").size() > 0, phase + ": " + service + "'s database work counted: " + db);
            }
        }
        assertEquals(100, r.path("phases").path("kafka").path("letters").asInt());
        assertTrue(r.path("phases").path("kafka").path("failed").asInt() > 0, "the letter nobody can address failed");
        assertTrue(r.path("phases").path("rest").path("latency").has("restResponse"));
        assertTrue(r.path("phases").path("latency").path("latency").path("submitToDeliveredDigital").path("count").asInt() > 0);

        JsonNode raw = r.path("rawChain");
        assertEquals(3000, raw.path("records").asInt());
        assertEquals(4, raw.path("hops").asInt());
        assertTrue(raw.path("recordsPerSecond").asDouble() > 0);

        for (String service : LocalSystem.SERVICES) {
            JsonNode p = r.path("processes").path(service);
            assertEquals("256m", p.path("maxHeap").asText(), service + " runs with -Xmx256m");
            assertTrue(p.path("peakRssMb").asDouble() > 0, service + " peak RSS");
            assertTrue(p.path("readyMsConcurrentStart").asLong() > 0, service + " readiness timed");
        }
        assertTrue(r.path("processes").path("sf1601-simulator").path("readyMsAlone").asLong() > 0);
        assertTrue(r.path("processes").path("postgres").path("processes").asInt() > 1, "the PostgreSQL process tree is counted");
        assertTrue(r.path("targets").isArray() && r.path("targets").size() >= 5);
        for (String component : LocalSystem.COMPONENTS) {
            assertTrue(r.path("idleCpuPercentOfOneCore").path(component).asDouble(-1) >= 0
                    && r.path("idleJitCompilerPercentOfOneCore").path(component).asDouble(-1) >= 0, component + "'s idle baseline, apart from its JIT");
        }

        String md = Files.readString(outcome.markdown());
        assertTrue(md.contains("## Throughput") && md.contains("## Latency") && md.contains("## CPU and memory")
                && md.contains("## Correctness (all phases): PASSED"));

        // Everything the run started is stopped and its data deleted; the service logs are kept.
        Path data = out.resolve("data");
        assertFalse(Files.exists(data), "data folder deleted");
        assertTrue(Files.exists(out.resolve("logs/letter-intake.log")));
        for (String component : LocalSystem.COMPONENTS) {
            long pid = r.path("processes").path(component).path("pid").asLong(-1);
            assertTrue(pid > 0, component + " was measured");
            assertFalse(Proc.alive(pid), component + " (PID " + pid + ") stopped");
        }
        assertEquals(List.of(), processesOf(data), "no process of the run's data folder left");
    }

    /** PIDs whose command line names the data folder (bin/brevrute marks its processes with it). */
    private static List<Long> processesOf(Path data) {
        return ProcessHandle.allProcesses().filter(p -> {
            try {
                String cmd = Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
                return cmd.contains(data.toString());
            } catch (Exception e) {
                return false;
            }
        }).map(ProcessHandle::pid).toList();
    }
}
