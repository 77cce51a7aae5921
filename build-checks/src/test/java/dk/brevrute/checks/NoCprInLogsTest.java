package dk.brevrute.checks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Runs after every other module of the build (it is the last in the reactor): no log the test suite
 * wrote, and no Surefire report or output, holds a CPR-shaped string. Also scans the local run's
 * and the end-to-end tests' data folders when present.
 */
class NoCprInLogsTest {

    @Test
    void noCprNumberInAnyLog() throws Exception {
        Path root = Paths.get(System.getProperty("brevrute.project.root", "..")).toAbsolutePath().normalize();
        List<Path> roots = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            modules.filter(Files::isDirectory)
                    .filter(m -> !m.getFileName().toString().equals("build-checks"))
                    .map(m -> m.resolve("target"))
                    .filter(Files::isDirectory)
                    .forEach(roots::add);
        }
        roots.add(root.resolve(".brevrute/logs"));
        List<Path> files = CprScanner.logFiles(roots);
        assertTrue(files.size() > 0, "no logs found under " + root + ": run the whole build (./mvnw verify)");
        List<CprScanner.Hit> hits = CprScanner.scan(files);
        assertTrue(hits.isEmpty(), "CPR-shaped strings in logs (masked):\n" + String.join("\n", hits.stream().map(Object::toString).toList()));
        System.out.println("scanned " + files.size() + " log files: no CPR number");
    }
}
