package dk.brevrute.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/brevrute's start-up cache options (startup_cache_opts): which JVM options a service starts with,
 * by Java version and packaging, for the first start (record) and later ones (use), and after a
 * rebuild (record anew).
 */
class StartupCacheTest {

    private static final Path SCRIPT = Path.of("..", "bin", "brevrute").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void java25RecordsAnAotCacheThenUsesItForEitherPackaging() throws Exception {
        Path java = jdk("25.0.3");
        Path fast = quarkusRunJar("fast", "io.quarkus.bootstrap.runner.QuarkusEntryPoint", 1_000);
        recordsThenUses(java, fast, "letter-intake-1000-java25.0.3.aot", "-XX:AOTCacheOutput=", "-XX:AOTCache=");
        Path aot = quarkusRunJar("aot", "io.quarkus.bootstrap.runner.AotQuarkusEntryPoint", 2_000);
        recordsThenUses(java, aot, "letter-intake-2000-java25.0.3.aot", "-XX:AOTCacheOutput=", "-XX:AOTCache=");
    }

    @Test
    void java17ArchivesOnlyAnAotJar() throws Exception {
        Path java = jdk("17.0.15");
        Path fast = quarkusRunJar("fast", "io.quarkus.bootstrap.runner.QuarkusEntryPoint", 1_000);
        assertEquals(List.of(), options(java, fast, Map.of()), "a fast-jar's classes cannot be archived on JDK 17");
        Path aot = quarkusRunJar("aot", "io.quarkus.bootstrap.runner.AotQuarkusEntryPoint", 2_000);
        recordsThenUses(java, aot, "letter-intake-2000-java17.0.15.jsa", "-XX:ArchiveClassesAtExit=", "-XX:SharedArchiveFile=");
    }

    /** The first start records into the named cache file; once the JVM has written it, starts use it. */
    private void recordsThenUses(Path java, Path jar, String cacheName, String record, String use) throws Exception {
        Path cache = tmp.resolve("data/startup-cache").resolve(cacheName);
        assertEquals(List.of(record + cache), options(java, jar, Map.of()));
        Files.writeString(cache, "cache");
        assertEquals(List.of(use + cache), options(java, jar, Map.of()));
    }

    @Test
    void aRebuildRecordsAnewAndDropsTheOldCache() throws Exception {
        Path java = jdk("25.0.3");
        Path jar = quarkusRunJar("fast", "io.quarkus.bootstrap.runner.QuarkusEntryPoint", 1_000);
        Path old = tmp.resolve("data/startup-cache/letter-intake-1000-java25.0.3.aot");
        Files.createDirectories(old.getParent());
        Files.writeString(old, "cache");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.ofEpochSecond(3_000)));
        Path fresh = tmp.resolve("data/startup-cache/letter-intake-3000-java25.0.3.aot");
        assertEquals(List.of("-XX:AOTCacheOutput=" + fresh), options(java, jar, Map.of()));
        assertFalse(Files.exists(old), "the previous build's cache is deleted");
    }

    @Test
    void offMeansNoCache() throws Exception {
        Path java = jdk("25.0.3");
        Path jar = quarkusRunJar("fast", "io.quarkus.bootstrap.runner.QuarkusEntryPoint", 1_000);
        assertEquals(List.of(), options(java, jar, Map.of("BREVRUTE_STARTUP_CACHE", "off")));
    }

    /** A JDK folder with a release file and a bin/java that must not be needed (it fails if run). */
    private Path jdk(String version) throws IOException {
        Path home = tmp.resolve("jdk-" + version);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = home.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    /** A quarkus-run.jar that is only a manifest, as Quarkus writes it, built at the given second. */
    private Path quarkusRunJar(String dir, String mainClass, long builtAtSecond) throws IOException {
        Path jar = tmp.resolve(dir).resolve("quarkus-run.jar");
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "lib/boot/a.jar lib/main/b.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // the manifest is all there is
        }
        Files.setLastModifiedTime(jar, FileTime.from(Instant.ofEpochSecond(builtAtSecond)));
        return jar;
    }

    private List<String> options(Path java, Path jar, Map<String, String> env) throws Exception {
        String script = "source \"$1\" help >/dev/null; DATA=\"$2\"; startup_cache_opts letter-intake \"$3\" \"$4\"";
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script, "bash", SCRIPT.toString(),
                tmp.resolve("data").toString(), jar.toString(), java.toString());
        pb.environment().remove("BREVRUTE_STARTUP_CACHE");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), out);
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
