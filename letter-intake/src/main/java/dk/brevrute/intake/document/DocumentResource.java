package dk.brevrute.intake.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dk.brevrute.events.DocumentBatch;
import dk.brevrute.kit.api.ProblemException;
import dk.brevrute.kit.audit.Audit;
import dk.brevrute.intake.config.IntakeConfig;
import dk.brevrute.intake.letter.LetterIntakeService;
import dk.brevrute.intake.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Documents: uploaded by departments for large letters, fetched by the delivering services. */
@Path("/")
public class DocumentResource {

    /** What an upload answers: the id to reference from a letter request, and the hash to check. */
    public record Uploaded(UUID documentId, String sha256, long sizeBytes, int pages) {
    }

    private final LetterIntakeService intake;
    private final DocumentRepository documents;
    private final Caller caller;
    private final IntakeConfig config;
    private final Audit audit;

    DocumentResource(LetterIntakeService intake, DocumentRepository documents, Caller caller, IntakeConfig config, Audit audit) {
        this.intake = intake;
        this.documents = documents;
        this.caller = caller;
        this.config = config;
        this.audit = audit;
    }

    @POST
    @Path("/api/v1/documents")
    @Consumes("application/pdf")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("sender")
    @Operation(summary = "Upload a PDF for a letter too large to send inline; reference it by documentId")
    public Response upload(InputStream body, @HeaderParam("X-Filename") String filename) {
        byte[] content = readLimited(body, config.document().maxBytes());
        var department = caller.department();
        StoredDocument stored = QuarkusTransaction.requiringNew().call(
                () -> intake.upload(department, new LetterIntakeService.Upload(content, filename)));
        return Response.created(URI.create("/api/v1/documents/" + stored.id()))
                .entity(new Uploaded(stored.id(), stored.sha256(), stored.sizeBytes(), stored.pages())).build();
    }

    /**
     * For the delivering services (role {@code service}): the document of a letter of
     * {@code department}, with its SHA-256 in {@code X-Content-SHA256} so the caller can verify it.
     */
    @GET
    @Path("/internal/v1/documents/{id}")
    @Produces("application/pdf")
    @RolesAllowed("service")
    @Operation(summary = "Fetch a document by reference (service-to-service)")
    public Response fetch(@PathParam("id") UUID id, @QueryParam("department") String department) {
        if (department == null) {
            throw new ProblemException(400, "department-required", "Department required", "give the letter's department");
        }
        // Audited: the actor is the delivering service's token subject.
        DocumentRepository.Deliverable d = audit.readInTransaction(Audit.DOCUMENT, id, () -> documents.deliverable(id, department)
                .orElseThrow(() -> new ProblemException(404, "not-found", "Not Found", "no such document")));
        return Response.ok(d.content(), "application/pdf")
                .header("X-Content-SHA256", d.sha256())
                .header("Content-Disposition", "attachment; filename=\"" + d.filename().replaceAll("[^\\w.-]", "_") + "\"")
                .build();
    }

    /**
     * For the delivering services (role {@code service}): the documents of many letters in one call,
     * each only to its own department, within {@code intake.document.batch-max-bytes}
     * ({@link DocumentBatch}). Every document handed out or not found is audited, one record each.
     */
    @POST
    @Path(DocumentBatch.PATH)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("service")
    @Operation(summary = "Fetch many documents by reference in one call (service-to-service)")
    public DocumentBatch.Answer fetchAll(DocumentBatch.Request request) {
        List<DocumentBatch.Wanted> wanted = request == null ? null : request.documents();
        if (wanted == null || wanted.isEmpty()) {
            throw new ProblemException(400, "documents-required", "Documents required", "give the documents to fetch in documents");
        }
        if (wanted.size() > DocumentBatch.MAX_DOCUMENTS) {
            throw new ProblemException(400, "too-many-documents", "Too many documents",
                    "at most " + DocumentBatch.MAX_DOCUMENTS + " documents per call, not " + wanted.size());
        }
        for (int i = 0; i < wanted.size(); i++) {
            DocumentBatch.Wanted w = wanted.get(i);
            if (w == null || w.documentId() == null || w.department() == null || w.department().isBlank()) {
                throw new ProblemException(400, "document-reference-invalid", "Document reference invalid",
                        "documents[" + i + "] needs a documentId and the letter's department");
            }
        }
        List<UUID> ids = wanted.stream().map(DocumentBatch.Wanted::documentId).distinct().toList();
        // Audited like single fetches: one record per document handed out (OK) or not found; one to fetch singly is not read here.
        List<DocumentBatch.Item> items = audit.readAllInTransaction(Audit.DOCUMENT, ids,
                () -> documents.deliverables(wanted, config.document().batchMaxBytes()), DocumentResource::outcomes);
        return new DocumentBatch.Answer(items);
    }

    private static Map<UUID, String> outcomes(List<DocumentBatch.Item> items) {
        Map<UUID, String> outcomes = new LinkedHashMap<>();
        for (DocumentBatch.Item item : items) {
            switch (item.status()) {
                case OK -> outcomes.put(item.documentId(), Audit.OK);
                case NOT_FOUND -> outcomes.putIfAbsent(item.documentId(), Audit.NOT_FOUND);
                case FETCH_SINGLY -> { }
            }
        }
        return outcomes;
    }

    private static byte[] readLimited(InputStream in, long max) {
        try (in) {
            byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (content.length > max) {
                throw new ProblemException(413, "document-too-large", "Document too large", "documents are limited to " + max + " bytes");
            }
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
