package dk.brevrute.intake.letter;

import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dk.brevrute.events.Department;
import dk.brevrute.events.DocumentRef;
import dk.brevrute.events.InlineDocument;
import dk.brevrute.events.LetterCancelled;
import dk.brevrute.events.LetterRejected;
import dk.brevrute.events.LetterRequested;
import dk.brevrute.events.LetterStatusChanged;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.PostalAddress;
import dk.brevrute.events.Recipient;
import dk.brevrute.events.Topics;
import dk.brevrute.intake.config.IntakeConfig;
import dk.brevrute.intake.document.DocumentRepository;
import dk.brevrute.intake.document.DocumentStore;
import dk.brevrute.intake.document.StoredDocument;
import dk.brevrute.intake.metrics.IntakeMetrics;
import dk.brevrute.intake.status.StatusFeed;
import dk.brevrute.intake.validation.CprNumber;
import dk.brevrute.intake.validation.LetterValidator;
import dk.brevrute.intake.validation.PdfInspector;
import dk.brevrute.intake.validation.ViolationCode;
import dk.brevrute.intake.validation.Violations;
import dk.brevrute.kit.api.ProblemException;
import dk.brevrute.kit.messaging.Outbox;
import dk.brevrute.kit.transaction.TransactionMemo;
import org.jboss.logging.Logger;

/**
 * Turns a letter request into a letter, once: validates it, stores its document, records the letter
 * and its first timeline entry, and appends letter-submitted to the outbox, all in one transaction.
 * A rejected request appends letter-rejected instead.
 */
@ApplicationScoped
public class LetterIntakeService {

    private static final Logger LOG = Logger.getLogger(LetterIntakeService.class);
    private static final Object REFERENCES = List.of(LetterIntakeService.class, "references");

    private final LetterRepository letters;
    private final TimelineRepository timeline;
    private final DocumentRepository documents;
    private final DocumentStore store;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final ObjectMapper canonical;
    private final IntakeConfig config;
    private final PdfInspector pdfInspector;
    private final StatusFeed statusFeed;
    private final IntakeMetrics metrics;
    private final TransactionMemo memo;

    LetterIntakeService(LetterRepository letters, TimelineRepository timeline, DocumentRepository documents,
            DocumentStore store, Outbox outbox, ObjectMapper mapper, IntakeConfig config, StatusFeed statusFeed,
            IntakeMetrics metrics, TransactionMemo memo) {
        this.memo = memo;
        this.metrics = metrics;
        this.statusFeed = statusFeed;
        this.letters = letters;
        this.timeline = timeline;
        this.documents = documents;
        this.store = store;
        this.outbox = outbox;
        this.mapper = mapper;
        this.canonical = mapper.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        this.config = config;
        this.pdfInspector = new PdfInspector(config.document().maxPages(), config.document().a4ToleranceMm());
    }

    /**
     * What one look-up found for the requests of a transaction: the references it asked about, and
     * the letters of those already taken. The submits of the transaction add the letters they make.
     */
    private record KnownReferences(Set<LetterRepository.Reference> asked, Map<LetterRepository.Reference, Letter> letters) {
    }

    /**
     * Reads in one statement which of these sender references have a letter already, for the submits
     * that follow in this transaction (a poll of requests), which then need no query of their own.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lookUpReferences(Collection<LetterRepository.Reference> references) {
        Map<LetterRepository.Reference, Letter> found = new HashMap<>();
        for (Letter l : letters.byReferences(references)) {
            found.put(new LetterRepository.Reference(l.department, l.senderReference), l);
        }
        memo.forget(REFERENCES::equals);
        memo.get(REFERENCES, () -> new KnownReferences(new HashSet<>(references), found));
    }

    /** The letter of this reference: as the transaction's look-up found it, else by a query. */
    private Optional<Letter> existing(String department, String senderReference) {
        KnownReferences known = memo.get(REFERENCES, () -> null);
        LetterRepository.Reference reference = new LetterRepository.Reference(department, senderReference);
        if (known != null && known.asked().contains(reference)) {
            return Optional.ofNullable(known.letters().get(reference));
        }
        return letters.byReference(department, senderReference);
    }

    /**
     * A letter this transaction made: a later request with its reference in the same transaction finds
     * it. True if the transaction is a poll of several requests, whose references were looked up
     * together: its letters are then inserted together by the poll's one flush, where a duplicate made
     * meanwhile by someone else fails the poll, and the poll's requests are then submitted one at a time.
     */
    private boolean made(Letter letter) {
        KnownReferences known = memo.get(REFERENCES, () -> null);
        if (known == null) {
            return false;
        }
        known.letters().put(new LetterRepository.Reference(letter.department, letter.senderReference), letter);
        return known.asked().size() > 1;
    }

    /** A document uploaded with the request (multipart), instead of inline or by reference. */
    public record Upload(byte[] content, String filename) {
    }

    /** Accepts or rejects; a rejection is published on letters.rejected.v1 with its reasons. */
    @Transactional(Transactional.TxType.MANDATORY)
    public IntakeOutcome submit(Department department, LetterRequested request, String intakePath) {
        return submit(department, request, intakePath, null);
    }

    /** As {@link #submit(Department, LetterRequested, String)}, with the document uploaded alongside. */
    @Transactional(Transactional.TxType.MANDATORY)
    public IntakeOutcome submit(Department department, LetterRequested request, String intakePath, Upload upload) {
        IntakeOutcome outcome = decide(department, request, intakePath, upload);
        if (outcome instanceof IntakeOutcome.Rejected rejected) {
            String ref = request.senderReference() == null ? "" : request.senderReference();
            outbox.append(Topics.LETTERS_REJECTED, department.id() + ":" + ref, new LetterRejected(UUID.randomUUID(),
                    Instant.now(), department.id(), request.senderReference(), intakePath, rejected.violations()));
            statusFeed.rejected(department, request.senderReference(), rejected.violations(), Instant.now());
            LOG.infof("request %s:%s via %s rejected: %s", department.id(), ref, intakePath,
                    rejected.violations().stream().map(v -> v.code()).toList());
            metrics.rejected(intakePath, rejected.violations().get(0).code());
        } else if (outcome instanceof IntakeOutcome.Accepted accepted && accepted.created()) {
            metrics.accepted(intakePath);
        }
        return outcome;
    }

    private IntakeOutcome decide(Department department, LetterRequested request, String intakePath, Upload upload) {
        Violations violations = LetterValidator.validate(department, request);
        if (request.printIfUnreadAfterDays() != null && !config.readReceipts()) {
            violations.add(ViolationCode.PRINT_IF_UNREAD_UNAVAILABLE, "printIfUnreadAfterDays",
                    "read receipts are switched off, so print-if-unread is not available");
        }
        ResolvedDocument document = upload != null ? inspectUpload(upload, violations)
                : resolveDocument(department, request.document(), violations);
        if (!violations.isEmpty()) {
            return new IntakeOutcome.Rejected(violations.list());
        }
        Recipient recipient = normalise(request.recipient());
        String hash = requestHash(request, recipient, document.sha256());
        var existing = existing(department.id(), request.senderReference());
        if (existing.isPresent()) {
            if (existing.get().requestHash.equals(hash)) {
                return new IntakeOutcome.Accepted(existing.get().id, false);
            }
            return new IntakeOutcome.Rejected(new Violations().add(ViolationCode.REFERENCE_CONFLICT, "senderReference",
                    "this sender reference was already used for a different letter " + existing.get().id).list());
        }
        StoredDocument stored = document.stored() != null ? document.stored()
                : store.store(department.id(), document.content(), document.sha256(), document.pages(), document.filename());

        Instant now = Instant.now();
        Letter letter = new Letter();
        letter.id = UUID.randomUUID();
        letter.department = department.id();
        letter.senderReference = request.senderReference();
        letter.requestHash = hash;
        letter.intakePath = intakePath;
        letter.status = Letter.Status.SUBMITTED;
        letter.recipientType = recipient.type();
        letter.recipient = json(recipient);
        letter.subject = request.subject().strip();
        letter.postageClass = request.postageClass();
        letter.forcePaper = Boolean.TRUE.equals(request.forcePaper());
        letter.mandatory = Boolean.TRUE.equals(request.mandatory());
        letter.legalNotification = Boolean.TRUE.equals(request.legalNotification());
        letter.notBefore = request.notBefore();
        letter.printIfUnreadAfterDays = request.printIfUnreadAfterDays();
        letter.costCentre = request.costCentre();
        letter.documentId = stored.id();
        letter.createdAt = now;
        letter.updatedAt = now;
        letters.persist(letter);
        if (!made(letter)) {
            // Inserted now, not at commit: a concurrent duplicate (same department and sender reference)
            // fails here with a unique violation, which the REST path's retry recognises.
            letters.flush();
        }

        LetterSubmitted submitted = new LetterSubmitted(UUID.randomUUID(), now, letter.id, letter.department,
                letter.senderReference, null, recipient, letter.subject, letter.postageClass, letter.forcePaper,
                letter.mandatory, letter.legalNotification, letter.notBefore, letter.printIfUnreadAfterDays,
                letter.costCentre, new DocumentRef(stored.id().toString(), stored.sha256(), stored.sizeBytes(),
                        stored.pages(), stored.filename(), stored.mediaType()));
        timeline.record(letter.id, submitted.eventId(), now, "SUBMITTED", null, null, "via " + intakePath);
        statusFeed.changed(letter.id, letter.department, letter.senderReference, LetterStatusChanged.Status.ACCEPTED, null, null,
                null, now);
        outbox.append(Topics.LETTERS_SUBMITTED, letter.id.toString(), submitted);
        LOG.infof("letter %s accepted from %s via %s", letter.id, department.id(), intakePath);
        return new IntakeOutcome.Accepted(letter.id, true);
    }

    private record ResolvedDocument(StoredDocument stored, byte[] content, int pages, String filename, String sha256) {
    }

    private ResolvedDocument resolveDocument(Department department, InlineDocument doc, Violations violations) {
        if (doc == null || (doc.contentBase64() == null && doc.documentId() == null)) {
            violations.add(ViolationCode.DOCUMENT_MISSING, "document", "a PDF document, inline or by documentId, is required");
            return new ResolvedDocument(null, null, 0, null, "");
        }
        if (doc.contentBase64() != null && doc.documentId() != null) {
            violations.add(ViolationCode.DOCUMENT_AMBIGUOUS, "document", "give the document inline or by documentId, not both");
            return new ResolvedDocument(null, null, 0, null, "");
        }
        if (doc.documentId() != null) {
            UUID id;
            try {
                id = UUID.fromString(doc.documentId());
            } catch (IllegalArgumentException e) {
                violations.add(ViolationCode.DOCUMENT_NOT_FOUND, "document.documentId", "no such document");
                return new ResolvedDocument(null, null, 0, null, "");
            }
            var stored = documents.ofDepartment(id, department.id());
            if (stored.isEmpty()) {
                violations.add(ViolationCode.DOCUMENT_NOT_FOUND, "document.documentId", "no such document");
                return new ResolvedDocument(null, null, 0, null, "");
            }
            if (doc.sha256() != null && !doc.sha256().equalsIgnoreCase(stored.get().sha256())) {
                violations.add(ViolationCode.DOCUMENT_HASH_MISMATCH, "document.sha256", "the document's SHA-256 does not match");
            }
            return new ResolvedDocument(stored.get(), null, stored.get().pages(), stored.get().filename(), stored.get().sha256());
        }
        long maxEncoded = 4L * ((config.document().inlineMaxBytes() + 2) / 3);
        if (doc.contentBase64().length() > maxEncoded + 4) {
            violations.add(ViolationCode.DOCUMENT_INLINE_TOO_LARGE, "document.contentBase64", "inline documents are limited to "
                    + config.document().inlineMaxBytes() + " bytes; upload larger ones to POST /api/v1/documents and send the documentId");
            return new ResolvedDocument(null, null, 0, null, "");
        }
        byte[] content;
        try {
            content = Base64.getDecoder().decode(doc.contentBase64().replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            violations.add(ViolationCode.DOCUMENT_NOT_BASE64, "document.contentBase64", "the inline document is not valid base64");
            return new ResolvedDocument(null, null, 0, null, "");
        }
        if (content.length > config.document().inlineMaxBytes()) {
            violations.add(ViolationCode.DOCUMENT_INLINE_TOO_LARGE, "document.contentBase64", "inline documents are limited to "
                    + config.document().inlineMaxBytes() + " bytes");
            return new ResolvedDocument(null, null, 0, null, "");
        }
        String sha256 = DocumentStore.sha256(content);
        if (doc.sha256() != null && !doc.sha256().equalsIgnoreCase(sha256)) {
            violations.add(ViolationCode.DOCUMENT_HASH_MISMATCH, "document.sha256", "the document's SHA-256 does not match its content");
        }
        int pages = pdfInspector.inspect(content, "document", violations);
        String filename = doc.filename() == null || doc.filename().isBlank() ? "letter.pdf" : doc.filename().strip();
        return new ResolvedDocument(null, content, pages, filename, sha256);
    }

    private ResolvedDocument inspectUpload(Upload upload, Violations violations) {
        if (upload.content().length > config.document().maxBytes()) {
            violations.add(ViolationCode.DOCUMENT_TOO_LARGE, "document", "documents are limited to " + config.document().maxBytes() + " bytes");
            return new ResolvedDocument(null, null, 0, null, "");
        }
        int pages = pdfInspector.inspect(upload.content(), "document", violations);
        String filename = upload.filename() == null || upload.filename().isBlank() ? "letter.pdf" : upload.filename().strip();
        return new ResolvedDocument(null, upload.content(), pages, filename, DocumentStore.sha256(upload.content()));
    }

    /**
     * Stops a letter that is neither delivered nor in a closed print batch. Routing and the print
     * centre learn of it from letters.cancelled.v1.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancel(Department department, UUID letterId, String reason, String by) {
        Letter letter = letters.findByIdOptional(letterId, LockModeType.PESSIMISTIC_WRITE)
                .filter(l -> l.department.equals(department.id()))
                .orElseThrow(() -> new ProblemException(404, "not-found", "Not Found", "no such letter"));
        if (letter.status == Letter.Status.CANCELLED) {
            return;
        }
        if (!letter.cancellable()) {
            throw new ProblemException(409, "not-cancellable", "Letter cannot be cancelled",
                    "the letter is " + letter.status + (letter.inClosedBatch ? " in a closed print batch" : "")
                            + " and can no longer be stopped");
        }
        Instant now = Instant.now();
        letter.status = Letter.Status.CANCELLED;
        letter.updatedAt = now;
        LetterCancelled cancelled = new LetterCancelled(UUID.randomUUID(), now, letter.id, letter.department,
                reason == null || reason.isBlank() ? "cancelled by the sender" : reason);
        timeline.record(letter.id, cancelled.eventId(), now, "CANCELLED", null, cancelled.reason(), "by " + by);
        statusFeed.changed(letter.id, letter.department, letter.senderReference, LetterStatusChanged.Status.CANCELLED, null,
                cancelled.reason(), null, now);
        outbox.append(Topics.LETTERS_CANCELLED, letter.id.toString(), cancelled);
        LOG.infof("letter %s cancelled", letter.id);
    }

    /** A document checked and stored, or the reasons it cannot be a letter. */
    public record DocumentCheck(StoredDocument stored, List<dk.brevrute.events.Violation> violations) {
    }

    /**
     * Checks a document as any letter's document is checked and stores it when usable, without
     * failing the caller's transaction when it is not: printed documents are stored before their
     * recipient is known (it may need review).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public DocumentCheck storeDocument(Department department, Upload upload) {
        Violations violations = new Violations();
        ResolvedDocument d = inspectUpload(upload, violations);
        if (!violations.isEmpty()) {
            return new DocumentCheck(null, violations.list());
        }
        return new DocumentCheck(store.store(department.id(), d.content(), d.sha256(), d.pages(), d.filename()), List.of());
    }

    /** Checks and stores an uploaded document for later reference by id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public StoredDocument upload(Department department, Upload upload) {
        Violations violations = new Violations();
        ResolvedDocument d = inspectUpload(upload, violations);
        if (!violations.isEmpty()) {
            throw new ProblemException(422, "invalid-document", "Invalid document",
                    "the document cannot be used for a letter", violations.list());
        }
        return store.store(department.id(), d.content(), d.sha256(), d.pages(), d.filename());
    }

    /** CPR numbers without hyphen, country codes upper-case: the same recipient always looks the same. */
    private static Recipient normalise(Recipient r) {
        String cpr = r.cpr() == null ? null : CprNumber.parse(r.cpr()).orElseThrow().digits();
        String cvr = r.cvr() == null ? null : r.cvr().strip();
        Recipient.RecipientType type = cpr != null ? Recipient.RecipientType.CPR
                : cvr != null ? Recipient.RecipientType.CVR : Recipient.RecipientType.ADDRESS;
        var a = r.address();
        var address = a == null ? null : new PostalAddress(a.name().strip(), a.street().strip(),
                a.supplement() == null || a.supplement().isBlank() ? null : a.supplement().strip(),
                a.postcode() == null ? null : a.postcode().strip(), a.city().strip(),
                a.country() == null ? "DK" : a.country().strip().toUpperCase(Locale.ROOT));
        return new Recipient(type, cpr, cvr, address);
    }

    private String requestHash(LetterRequested r, Recipient recipient, String documentSha) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("recipient", recipient);
        fields.put("subject", r.subject().strip());
        fields.put("postageClass", r.postageClass());
        fields.put("forcePaper", Boolean.TRUE.equals(r.forcePaper()));
        fields.put("mandatory", Boolean.TRUE.equals(r.mandatory()));
        fields.put("legalNotification", Boolean.TRUE.equals(r.legalNotification()));
        fields.put("notBefore", r.notBefore());
        fields.put("printIfUnreadAfterDays", r.printIfUnreadAfterDays());
        fields.put("costCentre", r.costCentre());
        fields.put("document", documentSha);
        try {
            return DocumentStore.sha256(canonical.writeValueAsBytes(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
