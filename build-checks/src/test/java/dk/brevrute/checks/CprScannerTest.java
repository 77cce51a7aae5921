package dk.brevrute.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scanner can fail: planted CPR numbers are found, look-alikes are not. */
class CprScannerTest {

    @TempDir
    Path dir;

    List<CprScanner.Hit> scan(String content) throws IOException {
        Path log = dir.resolve("target/quarkus-test.log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, content);
        return CprScanner.scan(CprScanner.logFiles(List.of(dir)));
    }

    @Test
    void findsAPlantedCprWithoutHyphen() throws IOException {
        // Built at run time, so this source file holds no CPR-shaped literal either.
        String cpr = "0101" + "90" + "1234";
        List<CprScanner.Hit> hits = scan("2026-11-27 INFO letter 1 routed for " + cpr + " today\n");
        assertEquals(1, hits.size());
        assertEquals(1, hits.get(0).line());
        assertEquals("010190-****", hits.get(0).masked(), "reported masked");
        assertFalse(hits.toString().contains(cpr));
    }

    @Test
    void findsAPlantedCprWithHyphenInSurefireOutput() throws IOException {
        Path out = dir.resolve("module/target/surefire-reports/SomeTest-output.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "line one\nrecipient=" + "311299" + "-" + "4321" + ";\n");
        List<CprScanner.Hit> hits = CprScanner.scan(CprScanner.logFiles(List.of(dir)));
        assertEquals(1, hits.size());
        assertEquals(2, hits.get(0).line());
    }

    @Test
    void ignoresLookAlikes() throws IOException {
        assertTrue(scan(String.join("\n",
                "no date: " + "3102" + "90" + "1234",            // 31 February
                "month 13: " + "0113" + "90" + "1234",
                "inside a longer number: 1" + "0101901234" + "5",
                "uuid 3fa85f64-5717-4562-b3fc-" + "2c963f66afa6",
                "epoch millis 1796811234567",
                "identity hash org.apache.kafka.image.loader.MetadataLoader@" + "1205150021",
                "date 2026-11-27T10:00:00Z offset 12345",
                // a metric's fraction, as a /q/metrics dump prints it (seen in a test's output)
                "kafka_consumer_io_time_ns_avg{client_id=\"c\"} 86259." + "0412161234")).isEmpty());
    }
}
