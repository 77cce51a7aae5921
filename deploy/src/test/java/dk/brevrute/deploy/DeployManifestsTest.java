package dk.brevrute.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.brevrute.deploy.Kustomize.Rendered;
import dk.brevrute.events.Department;
import dk.brevrute.events.Topics;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every overlay renders with the real Kustomize and passes every check of {@link ManifestChecks}. */
class DeployManifestsTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void overlayRendersAndPassesEveryCheck(String overlay) {
        List<Rendered> objects = Kustomize.render(Project.deploy().resolve("overlays").resolve(overlay));
        ManifestChecks checks = new ManifestChecks(Project.root());

        List<String> problems = checks.all(overlay, objects);

        assertTrue(problems.isEmpty(), () -> "overlay " + overlay + ":\n  " + String.join("\n  ", problems));
        // The checks looked at something: every catalogued topic, every service and the test doubles.
        assertEquals(Topics.catalogue(Department.defaults()).size(), ManifestChecks.ofKind(objects, "KafkaTopic").size());
        long servicesWithDeployment = checks.apps().stream().filter(a -> !a.isTestDouble())
                .filter(a -> objects.stream().anyMatch(o -> "Deployment".equals(o.kind()) && a.name().equals(o.name())))
                .count();
        assertEquals(5, servicesWithDeployment, "the five services");
    }
}
