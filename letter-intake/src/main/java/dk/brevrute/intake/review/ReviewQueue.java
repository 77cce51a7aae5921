package dk.brevrute.intake.review;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

import javax.imageio.ImageIO;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dk.brevrute.events.PostalAddress;
import dk.brevrute.events.Recipient;
import dk.brevrute.events.Violation;
import dk.brevrute.intake.config.IntakeConfig;
import dk.brevrute.intake.document.DocumentRepository;
import dk.brevrute.intake.extraction.RecipientExtractor.Extraction;
import dk.brevrute.intake.job.JobService;
import dk.brevrute.intake.job.PrintJob;
import dk.brevrute.intake.job.PrintJobRepository;
import dk.brevrute.kit.api.ProblemException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * A unit's letters waiting for a person to read their recipient: list, look at page 1 (preview and
 * extracted text), release to a confirmed or entered recipient, or discard. Only the unit's own
 * caseworkers see its queue; another unit's job does not exist for them.
 */
@ApplicationScoped
class ReviewQueue {

    static final int MAX_DPI = 150;

    record Waiting(int jobId, String jobName, String user, String source, Instant heldSince, boolean overdue, String reason,
            String subject) {
    }

    record Detail(int jobId, String jobName, String user, String source, Instant heldSince, boolean overdue, String reason,
            String subject, List<String> windowLines, String pageText, PostalAddress suggestedAddress) {
    }

    /** What became of a release: the letter, or why the letter was refused (the job is then aborted). */
    record Released(int jobId, String state, java.util.UUID letterId, String message) {
    }

    private final PrintJobRepository jobs;
    private final JobService jobService;
    private final DocumentRepository documents;
    private final IntakeConfig config;

    ReviewQueue(PrintJobRepository jobs, JobService jobService, DocumentRepository documents, IntakeConfig config) {
        this.jobs = jobs;
        this.jobService = jobService;
        this.documents = documents;
        this.config = config;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    List<Waiting> waiting(String unit) {
        Instant overdue = Instant.now().minus(config.review().overdueAfter());
        return jobs.held(unit).stream().map(j -> new Waiting(j.id(), j.jobName(), j.originatingUser(), j.source().intakePath,
                j.heldSince(), j.heldSince().isBefore(overdue), j.reviewReason(), j.subject())).toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    Detail detail(String unit, int jobId) {
        PrintJob j = held(unit, jobId);
        Extraction e = jobService.extractor().extract(content(j));
        boolean overdue = j.heldSince().isBefore(Instant.now().minus(config.review().overdueAfter()));
        return new Detail(j.id(), j.jobName(), j.originatingUser(), j.source().intakePath, j.heldSince(), overdue, j.reviewReason(),
                j.subject(), e.windowLines(), e.pageText(), e.suggestedAddress());
    }

    /** Page 1 as a grey PNG at the configured resolution (at most 150 dpi: an A4 page is then about 1240 x 1750 pixels). */
    @Transactional(Transactional.TxType.MANDATORY)
    byte[] preview(String unit, int jobId) {
        PrintJob j = held(unit, jobId);
        int dpi = Math.max(36, Math.min(config.review().previewDpi(), MAX_DPI));
        try (PDDocument doc = Loader.loadPDF(content(j)); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(0, dpi, ImageType.GRAY);
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks the recipient as the intake would (422 and nothing changes), then submits the letter. */
    @Transactional(Transactional.TxType.MANDATORY)
    Released release(String unit, int jobId, Recipient recipient, String subject, String by) {
        PrintJob j = jobs.ofUnitForUpdate(jobId, unit).orElseThrow(ReviewQueue::notFound);
        if (j.state() != PrintJob.State.PENDING_HELD) {
            throw new ProblemException(409, "not-waiting", "Not waiting for review", "the letter is no longer waiting for review");
        }
        String s = subject == null || subject.isBlank() ? j.subject() : subject.strip();
        List<Violation> violations = jobService.check(j, recipient, s);
        if (!violations.isEmpty()) {
            throw new ProblemException(422, "invalid-recipient", "Invalid recipient", violations.size() + " problem(s) with the recipient",
                    violations);
        }
        jobService.release(j, recipient, s, by);
        return new Released(j.id(), j.state().name(), j.letterId(), j.stateMessage());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void discard(String unit, int jobId, String reason, String by) {
        PrintJob j = jobs.ofUnitForUpdate(jobId, unit).orElseThrow(ReviewQueue::notFound);
        if (j.state() != PrintJob.State.PENDING_HELD || !jobService.cancel(j, by, true, reason)) {
            throw new ProblemException(409, "not-waiting", "Not waiting for review", "the letter is no longer waiting for review");
        }
    }

    private PrintJob held(String unit, int jobId) {
        PrintJob j = jobs.ofUnit(jobId, unit).orElseThrow(ReviewQueue::notFound);
        if (j.state() != PrintJob.State.PENDING_HELD) {
            throw new ProblemException(409, "not-waiting", "Not waiting for review", "the letter is no longer waiting for review");
        }
        return j;
    }

    private byte[] content(PrintJob j) {
        return documents.content(j.documentId(), j.department())
                .orElseThrow(() -> new ProblemException(410, "document-gone", "Document gone", "the document is no longer stored"));
    }

    private static ProblemException notFound() {
        return new ProblemException(404, "not-found", "Not Found", "no such letter in your unit's review queue");
    }
}
