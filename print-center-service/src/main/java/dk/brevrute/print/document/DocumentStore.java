package dk.brevrute.print.document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import dk.brevrute.print.config.PrintConfig;
import org.jboss.logging.Logger;

/**
 * The fetched documents of letters waiting for print, under {@code <spool>/documents/}, one file
 * per letter. With several replicas the spool folder is a shared volume: the replica that renders a
 * batch is not necessarily the one that fetched its documents.
 */
@ApplicationScoped
public class DocumentStore {

    private static final Logger LOG = Logger.getLogger(DocumentStore.class);

    /** Fired in a transaction; the files are deleted once it has committed. */
    public record Obsolete(List<UUID> letterIds) {
    }

    private final Path root;

    DocumentStore(PrintConfig config) {
        this.root = config.spool().resolve("documents");
    }

    public Path path(UUID letterId) {
        String id = letterId.toString();
        return root.resolve(id.substring(0, 2)).resolve(id + ".pdf");
    }

    public boolean exists(UUID letterId) {
        return Files.isRegularFile(path(letterId));
    }

    public void write(UUID letterId, byte[] content) {
        Path target = path(letterId);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".part");
            Files.write(tmp, content);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the document of letter " + letterId + " to the spool", e);
        }
    }

    void deleteAfterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Obsolete obsolete) {
        for (UUID id : obsolete.letterIds()) {
            try {
                Files.deleteIfExists(path(id));
            } catch (IOException e) {
                LOG.warnf("could not delete the spooled document of letter %s (%s)", id, e.getClass().getSimpleName());
            }
        }
    }
}
