package dk.brevrute.deploy;

import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Renders an overlay with the real Kustomize inside kubectl (no cluster needed) and splits the stream. */
final class Kustomize {

    static final String HOW_TO_GET_KUBECTL = "kubectl (1.32, with Kustomize 5.5) is needed to render deploy/: "
            + "install it from https://kubernetes.io/docs/tasks/tools/ (e.g. `apt-get install -y kubectl` from "
            + "pkgs.k8s.io, or download https://dl.k8s.io/release/v1.32.4/bin/linux/amd64/kubectl into /usr/local/bin), "
            + "or point -Dkubectl=/path/to/kubectl at one";

    /** One rendered object: its YAML text and the same as a map. */
    record Rendered(String yaml, Map<String, Object> map) {
        String kind() {
            return (String) map.get("kind");
        }

        String apiVersion() {
            return (String) map.get("apiVersion");
        }

        String name() {
            Object meta = map.get("metadata");
            return meta instanceof Map<?, ?> m ? (String) m.get("name") : null;
        }

        @Override
        public String toString() {
            return kind() + "/" + name();
        }
    }

    private Kustomize() {
    }

    static String kubectl() {
        String configured = System.getProperty("kubectl");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(HOW_TO_GET_KUBECTL);
    }

    /** {@code kubectl kustomize <dir>}: the objects it renders, in order. */
    static List<Rendered> render(Path kustomizationDir) {
        try {
            Path out = Files.createTempFile("kustomize-", ".yaml");
            Path err = Files.createTempFile("kustomize-", ".err");
            try {
                Process process = new ProcessBuilder(kubectl(), "kustomize", kustomizationDir.toString())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("kubectl kustomize " + kustomizationDir + " did not finish in 60 s");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("kubectl kustomize " + kustomizationDir + " failed: "
                            + Files.readString(err, StandardCharsets.UTF_8));
                }
                return split(Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException(HOW_TO_GET_KUBECTL + " (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Rendered> split(String stream) {
        List<Rendered> objects = new ArrayList<>();
        for (String doc : stream.split("(?m)^---\\s*$")) {
            if (doc.isBlank()) {
                continue;
            }
            Map<String, Object> map = Serialization.unmarshal(doc, Map.class);
            if (map != null) {
                objects.add(new Rendered(doc, map));
            }
        }
        return objects;
    }
}
