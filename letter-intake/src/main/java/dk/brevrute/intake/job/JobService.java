package dk.brevrute.intake.job;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dk.brevrute.events.Department;
import dk.brevrute.events.InlineDocument;
import dk.brevrute.events.LetterRequested;
import dk.brevrute.events.PostageClass;
import dk.brevrute.events.Recipient;
import dk.brevrute.events.Violation;
import dk.brevrute.intake.config.Departments;
import dk.brevrute.intake.config.IntakeConfig;
import dk.brevrute.intake.extraction.RecipientExtractor;
import dk.brevrute.intake.extraction.RecipientExtractor.Extraction;
import dk.brevrute.intake.letter.IntakeOutcome;
import dk.brevrute.intake.letter.LetterIntakeService;
import dk.brevrute.intake.metrics.IntakeMetrics;
import dk.brevrute.intake.unit.PrintUnit;
import dk.brevrute.intake.validation.LetterValidator;
import org.jboss.logging.Logger;

/**
 * Turns a unit's printed or dropped document into a letter of the unit's department through the
 * normal intake ({@link LetterIntakeService}: the same validation, idempotency and outbox). The
 * sender reference is derived from the job ({@code print/<unit>/<job-id>}), so the same job is the
 * same letter however often it is processed. A document whose recipient cannot be read is kept and
 * the job held for review; nothing is guessed.
 */
@ApplicationScoped
public class JobService {

    private static final Logger LOG = Logger.getLogger(JobService.class);

    /** What the client said about the job (IPP job-name, requesting-user-name, document-name, document-format). */
    public record Ticket(String jobName, String user, String documentName, String documentFormat) {
    }

    private final PrintJobRepository jobs;
    private final LetterIntakeService intake;
    private final Departments departments;
    private final IntakeMetrics metrics;
    private final IntakeConfig config;
    private final RecipientExtractor extractor;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;

    JobService(PrintJobRepository jobs, LetterIntakeService intake, Departments departments, IntakeMetrics metrics, IntakeConfig config,
            com.fasterxml.jackson.databind.ObjectMapper mapper) {
        this.mapper = mapper;
        this.jobs = jobs;
        this.intake = intake;
        this.departments = departments;
        this.metrics = metrics;
        this.config = config;
        var w = config.extraction().window();
        this.extractor = new RecipientExtractor(new RecipientExtractor.Window(w.leftMm(), w.topMm(), w.widthMm(), w.heightMm()),
                config.extraction().edgeMarginMm());
    }

    public RecipientExtractor extractor() {
        return extractor;
    }

    /** A new job waiting for its document (IPP Create-Job, or a hot-folder file about to be processed). */
    @Transactional(Transactional.TxType.MANDATORY)
    public PrintJob create(PrintUnit unit, PrintJob.Source source, String sourceKey, Ticket ticket) {
        PrintJob job = new PrintJob();
        job.unit = unit.id();
        job.department = unit.department();
        job.source = source;
        job.sourceKey = sourceKey;
        job.state = PrintJob.State.PENDING;
        job.stateReasons = "job-incoming";
        job.jobName = clip(ticket.jobName(), 255);
        job.originatingUser = ticket.user() == null || ticket.user().isBlank() ? unit.id() : clip(ticket.user(), 255);
        job.documentName = clip(ticket.documentName(), 255);
        job.documentFormat = ticket.documentFormat();
        job.createdAt = Instant.now();
        jobs.persist(job);
        return job;
    }

    /** Keeps a document that is not the last one announced (Send-Document with last-document=false). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void keepIncoming(PrintJob job, byte[] content, Ticket ticket) {
        job.incoming = content;
        job.sizeBytes = (long) content.length;
        if (ticket.documentName() != null) {
            job.documentName = clip(ticket.documentName(), 255);
        }
    }

    /** The document kept by {@link #keepIncoming}, or null. */
    @Transactional(Transactional.TxType.MANDATORY)
    public byte[] takeIncoming(PrintJob job) {
        byte[] content = job.incoming;
        job.incoming = null;
        return content;
    }

    /**
     * Processes a job's document: stores it, reads the recipient unless {@code given} names one, and
     * submits the letter, or holds the job for review. {@code given} carries hot-folder sidecar
     * metadata (any field may be null).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public PrintJob process(PrintJob job, byte[] content, LetterRequested given) {
        Instant now = Instant.now();
        job.state = PrintJob.State.PROCESSING;
        job.stateReasons = "job-printing";
        job.processingAt = now;
        job.sizeBytes = (long) content.length;
        job.incoming = null;
        Department department = department(job);
        String filename = filename(job);
        var check = intake.storeDocument(department, new LetterIntakeService.Upload(content, filename));
        if (!check.violations().isEmpty()) {
            metrics.rejected(job.source.intakePath, check.violations().get(0).code());
            abort(job, check.violations(), "document-format-error");
            return job;
        }
        job.documentId = check.stored().id();
        Recipient recipient = given == null ? null : given.recipient();
        String subject = given == null ? null : blankToNull(given.subject());
        Extraction extraction = null;
        if (recipient == null || subject == null) {
            extraction = extractor.extract(content);
            if (recipient == null) {
                recipient = extraction.recipient();
            }
            if (subject == null) {
                subject = extraction.subject();
            }
        }
        job.subject = subject != null ? subject : subjectFromJobName(job);
        if (recipient == null) {
            hold(job, extraction.reviewReason());
            return job;
        }
        return submit(job, recipient, job.subject, given, null);
    }

    /**
     * Submits the job's letter to the given recipient: the job completes with the letter id, or is
     * aborted with the rejection's reasons. Also how a reviewed job is released.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public PrintJob submit(PrintJob job, Recipient recipient, String subject, LetterRequested given, String reviewedBy) {
        Department department = department(job);
        LetterRequested request = letter(job, recipient, subject, given);
        IntakeOutcome outcome = intake.submit(department, request, job.source.intakePath);
        job.reviewedBy = reviewedBy;
        if (outcome instanceof IntakeOutcome.Accepted accepted) {
            job.state = PrintJob.State.COMPLETED;
            job.stateReasons = "job-completed-successfully";
            job.stateMessage = "letter " + accepted.letterId() + " accepted";
            job.letterId = accepted.letterId();
            job.completedAt = Instant.now();
            job.heldSince = null;
            LOG.infof("job %d of unit %s became letter %s", job.id, job.unit, accepted.letterId());
        } else {
            abort(job, ((IntakeOutcome.Rejected) outcome).violations(), null);
        }
        return job;
    }

    /** What is wrong with a letter to this recipient, checked as the intake checks it, without side effects. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Violation> check(PrintJob job, Recipient recipient, String subject) {
        return LetterValidator.validate(department(job), letter(job, recipient, subject, given(job))).list();
    }

    /** Releases a job held for review to the recipient a person confirmed or entered. */
    @Transactional(Transactional.TxType.MANDATORY)
    public PrintJob release(PrintJob job, Recipient recipient, String subject, String by) {
        return submit(job, recipient, subject, given(job), by);
    }

    /** The metadata that came with the document (hot-folder sidecar), or null. */
    private LetterRequested given(PrintJob job) {
        if (job.metadata == null) {
            return null;
        }
        try {
            return mapper.readValue(job.metadata, LetterRequested.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("job " + job.id + " holds metadata that is not a letter request");
        }
    }

    /** Keeps the metadata given with a hot-folder document, so a release later applies it too. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void keepMetadata(PrintJob job, String json) {
        job.metadata = json;
    }

    /** The letter request a job makes: the department's, with the derived sender reference and the stored document. */
    LetterRequested letter(PrintJob job, Recipient recipient, String subject, LetterRequested given) {
        String reference = given != null && given.senderReference() != null ? given.senderReference() : senderReference(job);
        PostageClass postage = given != null && given.postageClass() != null ? given.postageClass()
                : PostageClass.valueOf(config.printer().postageClass().toUpperCase(Locale.ROOT));
        String costCentre = given != null && given.costCentre() != null ? given.costCentre() : unitCostCentre(job);
        return new LetterRequested(UUID.randomUUID(), Instant.now(), job.department, reference, recipient, subject, postage,
                given == null ? null : given.forcePaper(), given == null ? null : given.mandatory(),
                given == null ? null : given.legalNotification(), given == null ? null : given.notBefore(),
                given == null ? null : given.printIfUnreadAfterDays(), costCentre,
                new InlineDocument(filename(job), "application/pdf", null, job.documentId.toString(), null));
    }

    /** {@code print/<unit>/<job-id>} or {@code hotfolder/<unit>/<job-id>}: one job, one letter. */
    public static String senderReference(PrintJob job) {
        return (job.source == PrintJob.Source.PRINTER ? "print/" : "hotfolder/") + job.unit + "/" + job.id;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void hold(PrintJob job, RecipientExtractor.ReviewReason reason) {
        job.state = PrintJob.State.PENDING_HELD;
        job.stateReasons = "job-held-for-review";
        job.stateMessage = "waiting for a person to read the recipient (" + reason + ")";
        job.reviewReason = reason.name();
        job.heldSince = Instant.now();
        LOG.infof("job %d of unit %s held for review: %s", job.id, job.unit, reason);
    }

    /** Cancels a job that has not become a letter: by the printing user, or discarded from review. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean cancel(PrintJob job, String by, boolean fromReview, String reason) {
        if (job.state != PrintJob.State.PENDING && job.state != PrintJob.State.PENDING_HELD) {
            return false;
        }
        job.state = PrintJob.State.CANCELED;
        job.stateReasons = fromReview ? "job-canceled-by-operator" : "job-canceled-by-user";
        job.stateMessage = (fromReview ? "discarded in review" : "canceled") + (reason == null || reason.isBlank() ? "" : ": " + clip(reason, 200));
        job.reviewedBy = fromReview ? by : job.reviewedBy;
        job.completedAt = Instant.now();
        job.heldSince = null;
        job.incoming = null;
        LOG.infof("job %d of unit %s %s by %s", job.id, job.unit, fromReview ? "discarded" : "canceled", by);
        return true;
    }

    /** Aborts a job whose document never came (Create-Job without the last Send-Document). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void abortIncomplete(PrintJob job) {
        job.state = PrintJob.State.ABORTED;
        job.stateReasons = "aborted-by-system";
        job.stateMessage = "the document did not arrive in time";
        job.completedAt = Instant.now();
        job.incoming = null;
    }

    private void abort(PrintJob job, List<Violation> violations, String extraReason) {
        job.state = PrintJob.State.ABORTED;
        job.stateReasons = "aborted-by-system" + (extraReason == null ? "" : "," + extraReason);
        job.stateMessage = "rejected: " + violations.stream().map(Violation::code).distinct().collect(Collectors.joining(", "));
        job.completedAt = Instant.now();
        job.heldSince = null;
        LOG.infof("job %d of unit %s rejected: %s", job.id, job.unit, violations.stream().map(Violation::code).distinct().toList());
    }

    private Department department(PrintJob job) {
        return departments.byId(job.department)
                .orElseThrow(() -> new IllegalStateException("job " + job.id + " of an unconfigured department"));
    }

    private String unitCostCentre(PrintJob job) {
        PrintUnit unit = jobs.getEntityManager().find(PrintUnit.class, job.unit);
        return unit == null ? null : unit.costCentre();
    }

    private static String filename(PrintJob job) {
        String name = job.documentName != null ? job.documentName : job.jobName;
        name = name == null ? "" : name.replaceAll(".*[/\\\\]", "").strip();
        if (name.isEmpty()) {
            return "letter.pdf";
        }
        return name.toLowerCase(Locale.ROOT).endsWith(".pdf") ? name : name + ".pdf";
    }

    /** The job name without the path, extension and the word processor's prefix ("Microsoft Word - "). */
    static String subjectFromJobName(PrintJob job) {
        String name = job.jobName == null ? "" : job.jobName.replaceAll(".*[/\\\\]", "");
        name = name.replaceFirst("^(?i)microsoft \\w+ - ", "").replaceFirst("(?i)\\.(pdf|docx?|odt|rtf|txt)$", "").strip();
        return name.isEmpty() ? "Brev" : clip(name, 200);
    }

    private static String clip(String s, int max) {
        if (s == null) {
            return null;
        }
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
