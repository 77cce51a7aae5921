package dk.brevrute.intake.printer;

import static dk.brevrute.intake.printer.IppAttribute.of;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.intake.config.Departments;
import dk.brevrute.intake.config.IntakeConfig;
import dk.brevrute.intake.job.JobService;
import dk.brevrute.intake.job.PrintJob;
import dk.brevrute.intake.job.PrintJobRepository;
import dk.brevrute.intake.printer.IppCodec.IppFormatException;
import dk.brevrute.intake.unit.PrintUnit;
import dk.brevrute.intake.unit.QueueUris;
import dk.brevrute.intake.unit.Units;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;

/**
 * One unit's print queue: authenticates the request (HTTP Basic with the unit's printer
 * credentials), checks it as RFC 8011 section 4.1 requires, and carries out the operation. Jobs
 * live in PostgreSQL, so any replica answers for any job.
 */
@ApplicationScoped
class Printer {

    private static final Logger LOG = Logger.getLogger(Printer.class);
    static final String REALM = "Basic realm=\"Brevrute\", charset=\"UTF-8\"";

    /** What goes back over HTTP. */
    record Answer(int httpStatus, Map<String, String> headers, byte[] body) {
    }

    /** Ends an operation early with an IPP status (and the attributes to report as unsupported). */
    static final class Refusal extends RuntimeException {
        final int status;
        final List<IppAttribute> unsupported;

        Refusal(int status, String message, IppAttribute... unsupported) {
            super(message, null, false, false);
            this.status = status;
            this.unsupported = List.of(unsupported);
        }
    }

    private static final Set<String> COMMON = Set.of("attributes-charset", "attributes-natural-language", "printer-uri",
            "requesting-user-name", "requesting-user-uri");
    private static final Set<String> JOB_CREATION = Set.of("job-name", "ipp-attribute-fidelity", "document-name", "compression",
            "document-format", "document-natural-language", "job-k-octets", "job-impressions", "job-media-sheets");
    private static final Set<String> JOB_TARGET = Set.of("job-id", "job-uri");
    private static final Map<Integer, Set<String>> OPERATION_ATTRIBUTES = Map.of(
            Ipp.PRINT_JOB, JOB_CREATION,
            Ipp.VALIDATE_JOB, JOB_CREATION,
            Ipp.CREATE_JOB, JOB_CREATION,
            Ipp.SEND_DOCUMENT, Set.of("job-id", "job-uri", "last-document", "document-name", "compression", "document-format",
                    "document-natural-language"),
            Ipp.CANCEL_JOB, Set.of("job-id", "job-uri", "message"),
            Ipp.GET_JOB_ATTRIBUTES, Set.of("job-id", "job-uri", "requested-attributes"),
            Ipp.GET_JOBS, Set.of("limit", "requested-attributes", "which-jobs", "my-jobs", "first-index"),
            Ipp.GET_PRINTER_ATTRIBUTES, Set.of("requested-attributes", "document-format", "first-index"));

    private final Units units;
    private final JobService jobService;
    private final PrintJobRepository jobs;
    private final Departments departments;
    private final IntakeConfig config;

    Printer(Units units, JobService jobService, PrintJobRepository jobs, Departments departments, IntakeConfig config) {
        this.units = units;
        this.jobService = jobService;
        this.jobs = jobs;
        this.departments = departments;
        this.config = config;
    }

    /**
     * Answers one IPP request to {@code /ipp/print/<queue>}; {@code base} is the printer URIs' base
     * (ipp://host:port), {@code webBase} where the web pages are (http://host:port).
     */
    Answer handle(String queue, String authorization, String base, String webBase, byte[] body) {
        Optional<PrintUnit> caller = credentials(authorization).flatMap(c -> units.authenticate(c[0], c[1]));
        int requestId = body.length >= 8 ? (body[4] & 0xFF) << 24 | (body[5] & 0xFF) << 16 | (body[6] & 0xFF) << 8 | body[7] & 0xFF : 0;
        int major = body.length >= 2 && (body[0] == 1 || body[0] == 2) ? body[0] : 2;
        int minor = body.length >= 2 && (body[0] == 1 || body[0] == 2) ? body[1] : 0;
        if (caller.isEmpty()) {
            return new Answer(401, Map.of("WWW-Authenticate", REALM), error(major, minor, requestId, Ipp.NOT_AUTHENTICATED,
                    "authentication with the unit's printer credentials is required", List.of()));
        }
        PrintUnit unit = caller.get();
        if (!unit.id().equals(queue)) {
            LOG.infof("printer: credentials of unit %s refused at queue %s", unit.id(), safe(queue));
            return ok(error(major, minor, requestId, Ipp.NOT_AUTHORIZED, "these credentials are not for this queue", List.of()));
        }
        IppMessage request;
        try {
            request = IppCodec.decode(body);
        } catch (IppFormatException e) {
            return ok(error(major, minor, e.requestId, Ipp.BAD_REQUEST, "malformed IPP request: " + e.getMessage(), List.of()));
        }
        if (request.major() != 1 && request.major() != 2) {
            return ok(error(1, 1, request.requestId(), Ipp.VERSION_NOT_SUPPORTED, "IPP versions 1.0, 1.1 and 2.0 are supported",
                    List.of()));
        }
        Exchange x = new Exchange(request, unit, QueueUris.printerUri(base, unit.id()), webBase);
        try {
            return ok(x.respond(operate(x)));
        } catch (Refusal r) {
            return ok(error(request.major(), request.minor(), request.requestId(), r.status, r.getMessage(), concat(x.unsupported,
                    r.unsupported)));
        }
    }

    /** The state of one request while it is answered. */
    final class Exchange {
        final IppMessage request;
        final PrintUnit unit;
        final String printerUri;
        final String webBase;
        final List<IppAttribute> unsupported = new ArrayList<>();
        int status = Ipp.OK;
        String message;

        Exchange(IppMessage request, PrintUnit unit, String printerUri, String webBase) {
            this.request = request;
            this.unit = unit;
            this.printerUri = printerUri;
            this.webBase = webBase;
        }

        IppAttribute op(String name) {
            return request.operationAttribute(name);
        }

        void ignored(IppAttribute a) {
            unsupported.add(a);
            if (status == Ipp.OK) {
                status = Ipp.OK_IGNORED_OR_SUBSTITUTED;
            }
        }

        byte[] respond(List<IppMessage.Group> groups) {
            List<IppMessage.Group> all = new ArrayList<>();
            List<IppAttribute> operation = new ArrayList<>(header());
            if (message != null) {
                operation.add(of("status-message", Ipp.TEXT, message));
            }
            all.add(new IppMessage.Group(Ipp.OPERATION_ATTRIBUTES, operation));
            if (!unsupported.isEmpty()) {
                all.add(new IppMessage.Group(Ipp.UNSUPPORTED_ATTRIBUTES, unsupported));
            }
            all.addAll(groups);
            return IppCodec.encode(new IppMessage(request.major(), request.minor(), status, request.requestId(), all, null));
        }
    }

    private List<IppMessage.Group> operate(Exchange x) {
        IppMessage r = x.request;
        if (r.requestId() <= 0) {
            throw new Refusal(Ipp.BAD_REQUEST, "request-id must be 1 or more");
        }
        IppMessage.Group operation = r.groups().isEmpty() ? null : r.groups().get(0);
        if (operation == null || operation.tag() != Ipp.OPERATION_ATTRIBUTES || operation.attributes().size() < 2
                || !operation.attributes().get(0).name().equals("attributes-charset")
                || !operation.attributes().get(1).name().equals("attributes-natural-language")) {
            throw new Refusal(Ipp.BAD_REQUEST, "the request must start with attributes-charset and attributes-natural-language");
        }
        String charset = operation.attributes().get(0).string();
        if (charset == null || !(charset.equalsIgnoreCase("utf-8") || charset.equalsIgnoreCase("us-ascii"))) {
            throw new Refusal(Ipp.CHARSET_NOT_SUPPORTED, "charset utf-8 is supported", operation.attributes().get(0));
        }
        Set<String> allowed = OPERATION_ATTRIBUTES.get(r.code());
        if (allowed == null) {
            throw new Refusal(Ipp.OPERATION_NOT_SUPPORTED, "operation " + r.code() + " is not supported");
        }
        for (IppAttribute a : operation.attributes()) {
            if (!COMMON.contains(a.name()) && !allowed.contains(a.name())) {
                x.ignored(IppAttribute.outOfBand(a.name(), Ipp.UNSUPPORTED));
            }
        }
        boolean jobOperation = r.code() == Ipp.SEND_DOCUMENT || r.code() == Ipp.CANCEL_JOB || r.code() == Ipp.GET_JOB_ATTRIBUTES;
        if (!(jobOperation && x.op("job-uri") != null)) {
            checkPrinterUri(x);
        }
        return switch (r.code()) {
            case Ipp.GET_PRINTER_ATTRIBUTES -> getPrinterAttributes(x);
            case Ipp.VALIDATE_JOB -> validateJob(x);
            case Ipp.PRINT_JOB -> printJob(x);
            case Ipp.CREATE_JOB -> createJob(x);
            case Ipp.SEND_DOCUMENT -> sendDocument(x);
            case Ipp.CANCEL_JOB -> cancelJob(x);
            case Ipp.GET_JOB_ATTRIBUTES -> getJobAttributes(x);
            case Ipp.GET_JOBS -> getJobs(x);
            default -> throw new Refusal(Ipp.OPERATION_NOT_SUPPORTED, "operation not supported");
        };
    }

    private void checkPrinterUri(Exchange x) {
        IppAttribute uri = x.op("printer-uri");
        if (uri == null || uri.tag() != Ipp.URI) {
            throw new Refusal(Ipp.BAD_REQUEST, "printer-uri is required");
        }
        if (!path(uri.string()).replaceAll("/+$", "").endsWith(QueueUris.PATH + x.unit.id())) {
            throw new Refusal(Ipp.NOT_FOUND, "printer-uri does not name this queue");
        }
    }

    private static String path(String uri) {
        try {
            String p = URI.create(uri).getRawPath();
            return p == null ? "" : p;
        } catch (IllegalArgumentException e) {
            throw new Refusal(Ipp.BAD_REQUEST, "printer-uri or job-uri is not a URI");
        }
    }

    // --- Printer operations ---------------------------------------------------------------------

    private List<IppMessage.Group> getPrinterAttributes(Exchange x) {
        checkDocumentFormat(x);
        long queued = QuarkusTransaction.requiringNew().call(() -> jobs.queued(x.unit.id()));
        String department = departments.byId(x.unit.department()).map(d -> d.name()).orElse(x.unit.department());
        var context = new PrinterAttributes.Context(x.printerUri, x.unit.id(), x.unit.name(), department, x.webBase + "/review/",
                queued, config.document().maxBytes());
        IppAttribute requested = x.op("requested-attributes");
        return List.of(new IppMessage.Group(Ipp.PRINTER_ATTRIBUTES,
                PrinterAttributes.requested(context, requested == null ? null : requested.strings())));
    }

    private List<IppMessage.Group> validateJob(Exchange x) {
        checkJobCreation(x);
        checkDocumentFormat(x);
        return List.of();
    }

    private List<IppMessage.Group> printJob(Exchange x) {
        checkJobCreation(x);
        String format = checkDocumentFormat(x);
        if (x.request.data().length == 0) {
            throw new Refusal(Ipp.BAD_REQUEST, "Print-Job carries the document after the attributes");
        }
        JobService.Ticket ticket = ticket(x, format);
        return QuarkusTransaction.requiringNew().call(() -> {
            PrintJob job = jobService.create(x.unit, PrintJob.Source.PRINTER, null, ticket);
            jobService.process(job, x.request.data(), null);
            return List.of(jobGroup(job, x.printerUri, JOB_CREATED));
        });
    }

    private List<IppMessage.Group> createJob(Exchange x) {
        checkJobCreation(x);
        String format = x.op("document-format") == null ? null : checkDocumentFormat(x);
        JobService.Ticket ticket = ticket(x, format);
        return QuarkusTransaction.requiringNew().call(() -> {
            PrintJob job = jobService.create(x.unit, PrintJob.Source.PRINTER, null, ticket);
            return List.of(jobGroup(job, x.printerUri, JOB_CREATED));
        });
    }

    private List<IppMessage.Group> sendDocument(Exchange x) {
        int jobId = targetJob(x);
        IppAttribute last = x.op("last-document");
        if (last == null || last.bool() == null) {
            throw new Refusal(Ipp.BAD_REQUEST, "last-document is required");
        }
        String format = checkDocumentFormat(x);
        JobService.Ticket ticket = ticket(x, format);
        byte[] data = x.request.data();
        return QuarkusTransaction.requiringNew().call(() -> {
            PrintJob job = jobs.ofUnitForUpdate(jobId, x.unit.id()).orElseThrow(() -> new Refusal(Ipp.NOT_FOUND, "no such job"));
            if (job.state() != PrintJob.State.PENDING) {
                throw new Refusal(Ipp.NOT_POSSIBLE, "the job is no longer waiting for documents");
            }
            if (job.hasIncoming() && data.length > 0) {
                throw new Refusal(Ipp.MULTIPLE_DOCUMENT_JOBS_NOT_SUPPORTED, "a job holds one document");
            }
            if (!last.bool()) {
                if (data.length > 0) {
                    jobService.keepIncoming(job, data, ticket);
                }
            } else {
                byte[] content = data.length > 0 ? data : jobService.takeIncoming(job);
                if (content == null) {
                    jobService.abortIncomplete(job);
                } else {
                    jobService.process(job, content, null);
                }
            }
            return List.of(jobGroup(job, x.printerUri, JOB_CREATED));
        });
    }

    private List<IppMessage.Group> cancelJob(Exchange x) {
        int jobId = targetJob(x);
        String user = user(x);
        IppAttribute message = x.op("message");
        return QuarkusTransaction.requiringNew().call(() -> {
            PrintJob job = jobs.ofUnitForUpdate(jobId, x.unit.id()).orElseThrow(() -> new Refusal(Ipp.NOT_FOUND, "no such job"));
            if (!jobService.cancel(job, user, false, message == null ? null : message.string())) {
                throw new Refusal(Ipp.NOT_POSSIBLE, "the job is " + job.state().name().toLowerCase(Locale.ROOT).replace('_', '-')
                        + " and can no longer be canceled");
            }
            return List.of();
        });
    }

    private List<IppMessage.Group> getJobAttributes(Exchange x) {
        int jobId = targetJob(x);
        IppAttribute requested = x.op("requested-attributes");
        return QuarkusTransaction.requiringNew().call(() -> {
            PrintJob job = jobs.ofUnit(jobId, x.unit.id()).orElseThrow(() -> new Refusal(Ipp.NOT_FOUND, "no such job"));
            return List.of(jobGroup(job, x.printerUri, requested == null ? List.of("all") : requested.strings()));
        });
    }

    private List<IppMessage.Group> getJobs(Exchange x) {
        IppAttribute which = x.op("which-jobs");
        String whichJobs = which == null ? "not-completed" : which.string();
        if (!"completed".equals(whichJobs) && !"not-completed".equals(whichJobs)) {
            throw new Refusal(Ipp.ATTRIBUTES_OR_VALUES_NOT_SUPPORTED, "which-jobs is 'completed' or 'not-completed'", which);
        }
        IppAttribute limitAttribute = x.op("limit");
        int limit = limitAttribute == null || limitAttribute.integer() == null ? 1000 : Math.max(1, Math.min(limitAttribute.integer(), 1000));
        IppAttribute my = x.op("my-jobs");
        String user = my != null && Boolean.TRUE.equals(my.bool()) ? user(x) : null;
        IppAttribute requested = x.op("requested-attributes");
        List<String> names = requested == null ? List.of("job-uri", "job-id") : requested.strings();
        return QuarkusTransaction.requiringNew().call(() -> jobs.forGetJobs(x.unit.id(), "completed".equals(whichJobs), user, limit)
                .stream().map(j -> jobGroup(j, x.printerUri, names)).toList());
    }

    // --- Checks ---------------------------------------------------------------------------------

    /** The document format asked for: PDF, or octet-stream (auto-detected as PDF). */
    private String checkDocumentFormat(Exchange x) {
        IppAttribute compression = x.op("compression");
        if (compression != null && !"none".equals(compression.string())) {
            throw new Refusal(Ipp.COMPRESSION_NOT_SUPPORTED, "compression 'none' is supported", compression);
        }
        IppAttribute format = x.op("document-format");
        if (format == null) {
            return "application/pdf";
        }
        String value = format.string() == null ? "" : format.string().toLowerCase(Locale.ROOT);
        if (!PrinterAttributes.FORMATS.contains(value)) {
            throw new Refusal(Ipp.DOCUMENT_FORMAT_NOT_SUPPORTED, "documents are PDF (application/pdf)", format);
        }
        return value;
    }

    /** Job template attributes: what is supported is accepted (and makes no difference to the letter), the rest reported. */
    private void checkJobCreation(Exchange x) {
        IppAttribute fidelity = x.op("ipp-attribute-fidelity");
        boolean strict = fidelity != null && Boolean.TRUE.equals(fidelity.bool());
        List<IppAttribute> bad = new ArrayList<>();
        for (IppMessage.Group g : x.request.groups(Ipp.JOB_ATTRIBUTES)) {
            for (IppAttribute a : g.attributes()) {
                JobTemplate.Verdict verdict = JobTemplate.check(a);
                if (verdict == JobTemplate.Verdict.UNSUPPORTED_ATTRIBUTE) {
                    bad.add(IppAttribute.outOfBand(a.name(), Ipp.UNSUPPORTED));
                } else if (verdict == JobTemplate.Verdict.UNSUPPORTED_VALUE) {
                    bad.add(a);
                }
            }
        }
        if (!bad.isEmpty()) {
            if (strict) {
                throw new Refusal(Ipp.ATTRIBUTES_OR_VALUES_NOT_SUPPORTED, "some job attributes or values are not supported",
                        bad.toArray(IppAttribute[]::new));
            }
            bad.forEach(x::ignored);
        }
    }

    private int targetJob(Exchange x) {
        IppAttribute jobUri = x.op("job-uri");
        if (jobUri != null) {
            String p = path(jobUri.string());
            String prefix = QueueUris.PATH + x.unit.id() + "/jobs/";
            int at = p.lastIndexOf(prefix);
            if (at < 0) {
                throw new Refusal(Ipp.NOT_FOUND, "job-uri does not name a job of this queue");
            }
            try {
                return Integer.parseInt(p.substring(at + prefix.length()));
            } catch (NumberFormatException e) {
                throw new Refusal(Ipp.NOT_FOUND, "job-uri does not name a job of this queue");
            }
        }
        IppAttribute id = x.op("job-id");
        if (id == null || id.integer() == null) {
            throw new Refusal(Ipp.BAD_REQUEST, "job-id (with printer-uri) or job-uri is required");
        }
        return id.integer();
    }

    private static JobService.Ticket ticket(Exchange x, String format) {
        IppAttribute jobName = x.op("job-name");
        IppAttribute documentName = x.op("document-name");
        return new JobService.Ticket(jobName == null ? null : jobName.string(), user(x),
                documentName == null ? null : documentName.string(), format);
    }

    /** requesting-user-name: the person at the PC (the credentials are the unit's, shared by its staff). */
    private static String user(Exchange x) {
        IppAttribute name = x.op("requesting-user-name");
        return name == null || name.string() == null || name.string().isBlank() ? x.unit.id() : name.string();
    }

    // --- Job attributes -------------------------------------------------------------------------

    private static final List<String> JOB_CREATED = List.of("job-uri", "job-id", "job-state", "job-state-reasons",
            "job-state-message", "number-of-intervening-jobs", "brevrute-letter-id");

    static IppMessage.Group jobGroup(PrintJob j, String printerUri, List<String> requested) {
        boolean all = requested.contains("all") || requested.contains("job-description");
        List<IppAttribute> out = new ArrayList<>();
        for (IppAttribute a : jobAttributes(j, printerUri)) {
            if (all || requested.contains(a.name())) {
                out.add(a);
            }
        }
        return new IppMessage.Group(Ipp.JOB_ATTRIBUTES, out);
    }

    static List<IppAttribute> jobAttributes(PrintJob j, String printerUri) {
        List<IppAttribute> a = new ArrayList<>();
        a.add(of("job-uri", Ipp.URI, printerUri + "/jobs/" + j.id()));
        a.add(of("job-id", Ipp.INTEGER, j.id()));
        a.add(of("job-printer-uri", Ipp.URI, printerUri));
        a.add(of("job-name", Ipp.NAME, j.jobName() != null ? j.jobName() : j.documentName() != null ? j.documentName() : "job " + j.id()));
        a.add(of("job-originating-user-name", Ipp.NAME, j.originatingUser()));
        a.add(of("job-state", Ipp.ENUM, state(j.state())));
        a.add(of("job-state-reasons", Ipp.KEYWORD, List.of(j.stateReasons().split(","))));
        if (j.stateMessage() != null) {
            a.add(of("job-state-message", Ipp.TEXT, j.stateMessage()));
        }
        a.add(of("number-of-documents", Ipp.INTEGER, j.documentId() != null ? 1 : 0));
        a.add(of("number-of-intervening-jobs", Ipp.INTEGER, 0));
        a.add(time("time-at-creation", j.createdAt()));
        a.add(time("time-at-processing", j.processingAt()));
        a.add(time("time-at-completed", j.completedAt()));
        a.add(of("job-printer-up-time", Ipp.INTEGER, PrinterAttributes.upTime(Instant.now())));
        a.add(date("date-time-at-creation", j.createdAt()));
        a.add(date("date-time-at-processing", j.processingAt()));
        a.add(date("date-time-at-completed", j.completedAt()));
        if (j.sizeBytes() != null) {
            a.add(of("job-k-octets", Ipp.INTEGER, (int) ((j.sizeBytes() + 1023) / 1024)));
        }
        if (j.letterId() != null) {
            a.add(of("brevrute-letter-id", Ipp.TEXT, j.letterId().toString()));
        }
        return a;
    }

    static int state(PrintJob.State s) {
        return switch (s) {
            case PENDING -> Ipp.JOB_PENDING;
            case PENDING_HELD -> Ipp.JOB_PENDING_HELD;
            case PROCESSING -> Ipp.JOB_PROCESSING;
            case CANCELED -> Ipp.JOB_CANCELED;
            case ABORTED -> Ipp.JOB_ABORTED;
            case COMPLETED -> Ipp.JOB_COMPLETED;
        };
    }

    private static IppAttribute time(String name, Instant at) {
        return at == null ? IppAttribute.outOfBand(name, Ipp.NO_VALUE) : of(name, Ipp.INTEGER, PrinterAttributes.upTime(at));
    }

    private static IppAttribute date(String name, Instant at) {
        return at == null ? IppAttribute.outOfBand(name, Ipp.NO_VALUE) : of(name, Ipp.DATE_TIME, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    // --- Answers --------------------------------------------------------------------------------

    private static List<IppAttribute> header() {
        return List.of(of("attributes-charset", Ipp.CHARSET, "utf-8"), of("attributes-natural-language", Ipp.NATURAL_LANGUAGE, "en"));
    }

    static byte[] error(int major, int minor, int requestId, int status, String message, List<IppAttribute> unsupported) {
        List<IppAttribute> operation = new ArrayList<>(header());
        operation.add(of("status-message", Ipp.TEXT, message));
        List<IppMessage.Group> groups = new ArrayList<>();
        groups.add(new IppMessage.Group(Ipp.OPERATION_ATTRIBUTES, operation));
        if (!unsupported.isEmpty()) {
            groups.add(new IppMessage.Group(Ipp.UNSUPPORTED_ATTRIBUTES, unsupported));
        }
        return IppCodec.encode(new IppMessage(major, minor, status, requestId, groups, null));
    }

    private static Answer ok(byte[] body) {
        return new Answer(200, Map.of(), body);
    }

    private static List<IppAttribute> concat(List<IppAttribute> a, List<IppAttribute> b) {
        List<IppAttribute> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** user and password of an HTTP Basic Authorization header. */
    static Optional<String[]> credentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String safe(String s) {
        return s != null && s.matches("[a-z0-9-]{1,40}") ? s : "(invalid)";
    }
}
