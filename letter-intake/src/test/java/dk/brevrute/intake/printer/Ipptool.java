package dk.brevrute.intake.printer;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** CUPS's own IPP client and its standard test files, run as a process. */
final class Ipptool {

    static final Path BINARY = Path.of("/usr/bin/ipptool");
    static final Path TESTS = Path.of("/usr/share/cups/ipptool");

    record Result(int exitCode, String output) {
    }

    private Ipptool() {
    }

    static void assertInstalled() {
        assertTrue(Files.isExecutable(BINARY) && Files.isRegularFile(TESTS.resolve("ipp-1.1.test")),
                "the printer acceptance tests run CUPS's ipptool and its standard tests (" + BINARY + ", " + TESTS
                        + "): apt-get install cups-ipp-utils (.ci/run installs it on CI)");
    }

    /** Runs {@code ipptool <options> <uri> <test file>} in {@code workDir} and returns its exit code and output. */
    static Result run(Path workDir, String uri, String testFile, String... options) {
        assertInstalled();
        List<String> command = new ArrayList<>(List.of(BINARY.toString()));
        command.addAll(List.of(options));
        command.add(uri);
        command.add(TESTS.resolve(testFile).toString());
        try {
            Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("ipptool did not finish within 120 s:\n" + new String(out, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + BINARY + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Passes when ipptool exited 0; otherwise fails with its whole output. */
    static Result assertPasses(Path workDir, String uri, String testFile, String... options) {
        Result r = run(workDir, uri, testFile, options);
        try {
            Files.writeString(workDir.resolve(testFile + ".out.txt"), r.output());
        } catch (IOException e) {
            // only a copy for people; the assertion below still has the output
        }
        if (r.exitCode() != 0) {
            fail("ipptool " + String.join(" ", options) + " <queue> " + testFile + " exited " + r.exitCode() + ":\n" + r.output());
        }
        return r;
    }
}
