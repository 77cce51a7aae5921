package dk.brevrute.print.batch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.print.address.Addresses;
import dk.brevrute.print.config.PrintConfig;
import dk.brevrute.print.document.DocumentFetcher;
import dk.brevrute.print.document.DocumentStore;
import dk.brevrute.print.render.BatchRenderer;
import dk.brevrute.print.render.RenderJob;
import dk.brevrute.print.render.RenderResult;
import dk.brevrute.print.render.WindowArea;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;

/**
 * Writes the print file and manifest of each closed batch into {@code <spool>/batches/}, outside any
 * transaction, holding a claim on the batch ({@link BatchClaims}) so one replica renders it. A batch whose file cannot be
 * made is FAILED; an operator re-queues it once the cause is fixed.
 */
@ApplicationScoped
class BatchRendering {

    private static final Logger LOG = Logger.getLogger(BatchRendering.class);

    private final BatchRepository batches;
    private final EnvelopeRepository envelopes;
    private final PrintLetterRepository letters;
    private final DocumentStore documents;
    private final DocumentFetcher fetcher;
    private final BatchEvents events;
    private final BatchClaims claims;
    private final PrintConfig config;

    BatchRendering(BatchRepository batches, EnvelopeRepository envelopes, PrintLetterRepository letters, DocumentStore documents,
            DocumentFetcher fetcher, BatchEvents events, BatchClaims claims, PrintConfig config) {
        this.batches = batches;
        this.envelopes = envelopes;
        this.letters = letters;
        this.documents = documents;
        this.fetcher = fetcher;
        this.events = events;
        this.claims = claims;
        this.config = config;
    }

    /** Renders every closed batch without a print file that no other replica is rendering; returns how many. */
    int renderDue() {
        int n = 0;
        while (true) {
            Optional<UUID> id = claims.claimOne(PrintBatch.State.CLOSED, "rendered_at IS NULL");
            if (id.isEmpty()) {
                return n;
            }
            claims.whileHeld(id.get(), PrintBatch.State.CLOSED, () -> render(id.get()));
            n++;
        }
    }

    private void render(UUID batchId) {
        RenderResult result;
        try {
            RenderJob job = QuarkusTransaction.requiringNew().call(() -> job(batchId));
            ensureDocuments(job);
            result = new BatchRenderer().render(job, config.spool().resolve("batches"));
        } catch (Exception e) {
            LOG.errorf("print file of batch %s could not be made (%s)", batchId, e.getClass().getSimpleName());
            String reason = "PRINT_FILE_FAILED: " + e.getClass().getSimpleName();
            QuarkusTransaction.requiringNew().run(() -> {
                PrintBatch b = batches.lock(batchId);
                if (b != null && b.state == PrintBatch.State.CLOSED) {
                    b.failureReason = reason;
                    b.claimedUntil = null;
                    events.moved(b, PrintBatch.State.FAILED, Instant.now(), BatchEvents.SYSTEM, reason);
                }
            });
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            PrintBatch b = batches.lock(batchId);
            if (b == null || b.state != PrintBatch.State.CLOSED) {
                return;
            }
            b.pdfFile = result.pdf().toString();
            b.manifestCsvFile = result.manifestCsv().toString();
            b.manifestJsonFile = result.manifestJson().toString();
            b.pages = result.pages();
            b.renderedAt = Instant.now();
            b.claimedUntil = null;
        });
        LOG.infof("batch %s print file ready: %d pages, %d sheets", batchId, result.pages(), result.sheets());
    }

    private RenderJob job(UUID batchId) {
        PrintBatch b = batches.findById(batchId);
        Map<UUID, List<PrintLetter>> byEnvelope = letters.printOrder(batchId).stream()
                .collect(Collectors.groupingBy(l -> l.envelopeId));
        List<RenderJob.Envelope> list = new ArrayList<>();
        for (PrintEnvelope e : envelopes.ofBatch(batchId)) {
            List<PrintLetter> in = byEnvelope.getOrDefault(e.id, List.of());
            List<RenderJob.Letter> rl = in.stream().map(l -> new RenderJob.Letter(l.letterId, l.department, documents.path(l.letterId),
                    l.pages, l.postage, l.materialCost, l.consolidationSaving)).toList();
            List<String> lines = e.carrier ? Addresses.lines(in.get(0).address()) : List.of();
            list.add(new RenderJob.Envelope(e.seq, e.carrier, lines, e.zone, e.country, e.postcode, e.weightGrams, e.postage, rl));
        }
        PrintConfig.Render.Window w = config.render().window();
        return new RenderJob(batchId, b.postageClass.name(), b.envelopeSize, config.render().duplex(),
                new WindowArea(w.leftMm(), w.topMm(), w.widthMm(), w.heightMm()), b.tariffId, list);
    }

    /** A document missing from the spool (a lost volume) is fetched again, hash checked. */
    private void ensureDocuments(RenderJob job) {
        Map<UUID, PrintLetter> missing = new java.util.HashMap<>();
        for (RenderJob.Envelope e : job.envelopes()) {
            for (RenderJob.Letter l : e.letters()) {
                if (!documents.exists(l.letterId())) {
                    missing.put(l.letterId(), null);
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Map<UUID, PrintLetter> rows = QuarkusTransaction.requiringNew().call(() -> missing.keySet().stream()
                .map(letters::findById).collect(Collectors.toMap(l -> l.letterId, Function.identity())));
        for (PrintLetter l : rows.values()) {
            DocumentFetcher.Result r = fetcher.fetch(l.documentId, l.department, l.documentSha256);
            if (!(r instanceof DocumentFetcher.Fetched f)) {
                throw new IllegalStateException("document of letter " + l.letterId + " missing from the spool and not fetchable");
            }
            documents.write(l.letterId, f.content());
        }
    }
}
