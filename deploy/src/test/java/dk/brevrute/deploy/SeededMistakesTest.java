package dk.brevrute.deploy;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.brevrute.deploy.Kustomize.Rendered;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks can fail: a copy of deploy/ with one mistake each, rendered with the real Kustomize,
 * and the check that should notice it does.
 */
class SeededMistakesTest {

    @TempDir
    Path temp;

    @Test
    void unknownFieldInADeploymentIsReported() throws IOException {
        Path copy = copyOfDeploy();
        edit(copy.resolve("base/services/routing-service/deployment.yaml"),
                "          readinessProbe:\n", "          readinesProbe:\n");

        List<String> problems = checks().schemas(render(copy));

        assertReported(problems, p -> p.contains("Deployment/routing-service") && p.contains("readinesProbe"));
    }

    @Test
    void topicMissingFromDeployIsReported() throws IOException {
        Path copy = copyOfDeploy();
        Path topics = copy.resolve("base/kafka/topics.yaml");
        String yaml = Files.readString(topics, StandardCharsets.UTF_8);
        String withoutRouted = Stream.of(yaml.split("(?m)^---\\s*\\n"))
                .filter(doc -> !doc.contains("name: letters.routed.v1\n"))
                .reduce((a, b) -> a + "---\n" + b).orElseThrow();
        assertNotEquals(yaml, withoutRouted, "the seeded mistake removed a KafkaTopic");
        Files.writeString(topics, withoutRouted, StandardCharsets.UTF_8);

        List<String> problems = checks().topics(render(copy));

        assertReported(problems, p -> p.contains("topic letters.routed.v1 of the catalogue") && p.contains("no KafkaTopic"));
        assertReported(problems, p -> p.startsWith("eboks-gateway: mp.messaging.incoming.letters-routed.topic=letters.routed.v1"));
    }

    @Test
    void deploymentWithoutItsJdbcUrlIsReported() throws IOException {
        Path copy = copyOfDeploy();
        edit(copy.resolve("base/services/savings-ledger/deployment.yaml"), """
                            - name: QUARKUS_DATASOURCE_JDBC_URL
                              valueFrom:
                                secretKeyRef:
                                  name: savings-ledger-db-app
                                  key: jdbc-uri
                """, "");

        List<String> problems = checks().settings(render(copy));

        assertReported(problems, p -> p.startsWith("savings-ledger: QUARKUS_DATASOURCE_JDBC_URL")
                && p.contains("not provided"));
    }

    private static void assertReported(List<String> problems, Predicate<String> expected) {
        assertTrue(problems.stream().anyMatch(expected), () -> "the seeded mistake was not reported; problems:\n  "
                + String.join("\n  ", problems));
    }

    private static ManifestChecks checks() {
        return new ManifestChecks(Project.root());
    }

    private static List<Rendered> render(Path deployCopy) {
        return Kustomize.render(deployCopy.resolve("overlays/dev"));
    }

    private Path copyOfDeploy() throws IOException {
        Path source = Project.deploy();
        Path target = temp.resolve("deploy");
        for (String part : List.of("base", "components", "overlays")) {
            try (Stream<Path> files = Files.walk(source.resolve(part))) {
                for (Path file : files.toList()) {
                    Path to = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return target;
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.contains(from), () -> "the seeded mistake's anchor is not in " + file + ": " + from);
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }
}
