package dk.brevrute.intake.hotfolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.brevrute.events.LetterRequested;
import dk.brevrute.intake.config.IntakeConfig;
import dk.brevrute.intake.document.DocumentStore;
import dk.brevrute.intake.job.JobService;
import dk.brevrute.intake.job.PrintJob;
import dk.brevrute.intake.job.PrintJobRepository;
import dk.brevrute.intake.unit.PrintUnit;
import dk.brevrute.intake.unit.UnitRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;

/**
 * Watched folders, one per active unit ({@code <root>/<unit>/}), where a print driver or case system
 * drops PDFs, each optionally with a JSON sidecar ({@code <name>.json}: the fields of a letter request,
 * e.g. senderReference, recipient, subject, postageClass). Each file becomes a job of the unit and goes
 * the printer's way: a letter, a rejection, or the unit's review queue. Processed files move to
 * {@code done/}; rejected ones to {@code failed/} with {@code <name>.reason.txt}.
 *
 * <p>Several replicas may watch the same (shared) folder: a file is claimed by an atomic move into
 * {@code .processing/} before it is read, so only one replica gets it. A replica that dies holding a
 * claim leaves the file there; after {@code intake.hotfolder.stale-claim} it is moved back and
 * processed again, and the job's source key (content hash and file name) makes that the same job
 * and the same letter.
 */
@ApplicationScoped
class HotFolder {

    private static final Logger LOG = Logger.getLogger(HotFolder.class);
    static final String PROCESSING = ".processing";
    static final String DONE = "done";
    static final String FAILED = "failed";

    private final IntakeConfig config;
    private final UnitRepository units;
    private final PrintJobRepository jobs;
    private final JobService jobService;
    private final ObjectMapper mapper;

    HotFolder(IntakeConfig config, UnitRepository units, PrintJobRepository jobs, JobService jobService, ObjectMapper mapper) {
        this.config = config;
        this.units = units;
        this.jobs = jobs;
        this.jobService = jobService;
        this.mapper = mapper;
    }

    @Scheduled(every = "${intake.hotfolder.every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        if (config.hotfolder().enabled() && config.hotfolder().root().isPresent()) {
            scan();
        }
    }

    /** One pass over every active unit's folder. Safe to run at the same time on several replicas. */
    void scan() {
        Path root = config.hotfolder().root().orElseThrow();
        List<PrintUnit> active = QuarkusTransaction.requiringNew().call(units::active);
        for (PrintUnit unit : active) {
            try {
                scan(unit, root.resolve(unit.id()));
            } catch (IOException | UncheckedIOException e) {
                LOG.warnf("hot folder of unit %s: %s", unit.id(), e.getMessage());
            }
        }
    }

    private void scan(PrintUnit unit, Path folder) throws IOException {
        Path processing = folder.resolve(PROCESSING);
        Files.createDirectories(processing);
        Files.createDirectories(folder.resolve(DONE));
        Files.createDirectories(folder.resolve(FAILED));
        returnStaleClaims(folder, processing);
        Instant settled = Instant.now().minus(config.hotfolder().settle());
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pdf"))) {
            for (Path file : files) {
                if (!Files.isRegularFile(file) || Files.getLastModifiedTime(file).toInstant().isAfter(settled)) {
                    continue;
                }
                Path claimed = claim(file, processing);
                if (claimed != null) {
                    Path sidecar = claim(sidecarOf(file), processing);
                    process(unit, folder, claimed, sidecar);
                }
            }
        }
    }

    /** Moves the file into .processing atomically; null when another replica was first (or it is gone). */
    private static Path claim(Path file, Path processing) throws IOException {
        Path target = processing.resolve(file.getFileName());
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException | FileAlreadyExistsException e) {
            return null;
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the hot folder must be on a file system with atomic rename", e);
        }
        Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
        return target;
    }

    private void returnStaleClaims(Path folder, Path processing) throws IOException {
        Instant stale = Instant.now().minus(config.hotfolder().staleClaim());
        try (DirectoryStream<Path> claims = Files.newDirectoryStream(processing)) {
            for (Path claimed : claims) {
                if (Files.getLastModifiedTime(claimed).toInstant().isBefore(stale)) {
                    try {
                        Files.move(claimed, folder.resolve(claimed.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                        LOG.infof("hot folder: %s was claimed by a replica that did not finish; returned to the folder", claimed.getFileName());
                    } catch (NoSuchFileException | FileAlreadyExistsException e) {
                        // another replica returned it first, or a new file of that name arrived: leave it for the next pass
                    }
                }
            }
        }
    }

    private void process(PrintUnit unit, Path folder, Path claimed, Path sidecar) throws IOException {
        String name = claimed.getFileName().toString();
        LetterRequested given = null;
        if (sidecar != null) {
            try {
                given = mapper.readValue(Files.readString(sidecar, StandardCharsets.UTF_8), LetterRequested.class);
            } catch (JsonProcessingException e) {
                finish(folder, claimed, sidecar, FAILED, "the sidecar " + sidecar.getFileName()
                        + " is not letter metadata in JSON (line " + e.getLocation().getLineNr() + ")");
                return;
            }
        }
        byte[] content = Files.readAllBytes(claimed);
        String sourceKey = DocumentStore.sha256(content) + ":" + name;
        LetterRequested metadata = given;
        String metadataJson = sidecar == null ? null : mapper.writeValueAsString(given);
        PrintJob job = QuarkusTransaction.requiringNew().call(() -> {
            var existing = jobs.bySource(unit.id(), sourceKey);
            if (existing.isPresent() && existing.get().state() != PrintJob.State.PENDING) {
                return existing.get();
            }
            PrintJob j = existing.orElseGet(() -> jobService.create(unit, PrintJob.Source.HOTFOLDER, sourceKey,
                    new JobService.Ticket(name, unit.id(), name, "application/pdf")));
            jobService.keepMetadata(j, metadataJson);
            return jobService.process(j, content, metadata);
        });
        if (job.state() == PrintJob.State.ABORTED || job.state() == PrintJob.State.CANCELED) {
            finish(folder, claimed, sidecar, FAILED, "job " + job.id() + ": " + job.stateMessage());
        } else {
            finish(folder, claimed, sidecar, DONE, null);
        }
        LOG.infof("hot folder of unit %s: %s is job %d (%s)", unit.id(), name, job.id(), job.state());
    }

    private static void finish(Path folder, Path claimed, Path sidecar, String where, String reason) throws IOException {
        Path target = free(folder.resolve(where), claimed.getFileName().toString());
        Files.move(claimed, target, StandardCopyOption.ATOMIC_MOVE);
        if (sidecar != null) {
            Files.move(sidecar, free(folder.resolve(where), sidecar.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE);
        }
        if (reason != null) {
            Files.writeString(target.resolveSibling(target.getFileName() + ".reason.txt"), reason + System.lineSeparator(),
                    StandardCharsets.UTF_8);
        }
    }

    /** {@code name} in the folder, or {@code name} with a time prefix when a file of that name was processed before. */
    private static Path free(Path dir, String name) {
        Path target = dir.resolve(name);
        return Files.exists(target) ? dir.resolve(Instant.now().toEpochMilli() + "-" + name) : target;
    }

    static Path sidecarOf(Path pdf) {
        String name = pdf.getFileName().toString();
        return pdf.resolveSibling(name.substring(0, name.length() - 4) + ".json");
    }
}
