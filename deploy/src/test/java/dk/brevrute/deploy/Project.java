package dk.brevrute.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository and deploy/ are: surefire passes the root; from an IDE, the module's parent. */
final class Project {

    private Project() {
    }

    static Path root() {
        String configured = System.getProperty("brevrute.project.root");
        Path root = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of("").toAbsolutePath().getParent();
        if (!Files.isDirectory(root.resolve("deploy/overlays"))) {
            root = Path.of("").toAbsolutePath().getParent();
        }
        return root.toAbsolutePath().normalize();
    }

    static Path deploy() {
        return root().resolve("deploy");
    }
}
