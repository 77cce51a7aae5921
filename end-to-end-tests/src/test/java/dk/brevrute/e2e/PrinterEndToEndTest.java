package dk.brevrute.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import dk.brevrute.testinfra.BrevruteInfrastructure;
import dk.brevrute.testinfra.SamplePdfs;
import org.junit.jupiter.api.Test;

/**
 * A caseworker's PC prints to Brevrute: CUPS's own IPP client (ipptool, its standard
 * print-job.test) prints a letter to a citizen-service unit's queue on the packaged letter-intake;
 * the letter (address-only: the address in its window) goes all the way to a print batch that is
 * handed over, exactly once.
 */
class PrinterEndToEndTest {

    static final Path IPPTOOL = Path.of("/usr/bin/ipptool");
    static final Path PRINT_JOB_TEST = Path.of("/usr/share/cups/ipptool/print-job.test");

    @Test
    void aLetterPrintedWithIpptoolIsHandedOverOnPaperOnce() throws Exception {
        assertTrue(Files.isExecutable(IPPTOOL) && Files.exists(PRINT_JOB_TEST),
                "needs CUPS's ipptool: apt-get install cups-ipp-utils (.ci/run installs it)");
        Cluster cluster = Cluster.shared();
        String admin = BrevruteInfrastructure.tokens().issue("buf-admin", "BUF", List.of("unit-admin"));
        String unit = "buf-e2e-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        var created = cluster.send("letter-intake", "POST", "/api/v1/units", admin,
                "{\"id\":\"" + unit + "\",\"name\":\"Borgerservice end-to-end\"}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode credentials = Audit.json(created.body());

        Path pdf = Path.of("target", "e2e-logs", "printed-letter.pdf").toAbsolutePath();
        Files.createDirectories(pdf.getParent());
        Files.write(pdf, SamplePdfs.letter(1));
        Path out = pdf.resolveSibling("ipptool-print-job.txt");
        String uri = "ipp://" + credentials.path("username").asText() + ":" + credentials.path("password").asText()
                + "@127.0.0.1:" + cluster.port("letter-intake") + "/ipp/print/" + unit;
        Process ipptool = new ProcessBuilder(IPPTOOL.toString(), "-tv", "-T", "30", "-f", pdf.toString(), uri, PRINT_JOB_TEST.toString())
                .directory(pdf.getParent().toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(ipptool.waitFor(120, TimeUnit.SECONDS), "ipptool finished");
        String output = Files.readString(out);
        assertEquals(0, ipptool.exitValue(), "ipptool print-job.test passes:\n" + output);

        // The print centre's batches close at size or at the cut-off; an operator closes them here.
        String operator = BrevruteInfrastructure.tokens().issue("e2e-operator", null, List.of("operator"));
        Audit.Report report = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode batch : Audit.json(cluster.get("print-center-service", "/api/v1/batches?state=OPEN&size=200", operator).body())) {
                cluster.send("print-center-service", "POST", "/api/v1/batches/" + batch.path("id").asText() + "/close", operator, "");
            }
            report = Audit.of(cluster, "printed with ipptool", "print/" + unit + "/", Duration.ZERO);
            if (report.paper() == 1) {
                break;
            }
            Thread.sleep(2000);
        }
        System.out.println(report.table());
        assertEquals(1, report.accepted(), "the printed job became one letter");
        assertEquals(1, report.paper(), "handed over on paper");
        assertEquals(List.of(), report.twice());
    }
}
