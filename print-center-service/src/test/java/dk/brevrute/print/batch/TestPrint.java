package dk.brevrute.print.batch;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.events.PrintBatchStateChanged;
import dk.brevrute.events.Topics;
import dk.brevrute.testinfra.KafkaTestClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Test helpers over the service's own beans: read state, and drive the timers now instead of waiting for them. */
@ApplicationScoped
class TestPrint {

    static final Duration WAIT = Duration.ofSeconds(30);

    private final PrintLetterRepository letters;
    private final BatchRepository batches;
    private final LetterPreparation preparation;
    private final BatchClosing closing;
    private final BatchRendering rendering;

    TestPrint(PrintLetterRepository letters, BatchRepository batches, LetterPreparation preparation, BatchClosing closing,
            BatchRendering rendering) {
        this.letters = letters;
        this.batches = batches;
        this.preparation = preparation;
        this.closing = closing;
        this.rendering = rendering;
    }

    PrintLetter letter(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> letters.findById(id));
    }

    PrintBatch batch(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> batches.findById(id));
    }

    /**
     * Waits until the letter has arrived and reached {@code status}, preparing due letters meanwhile.
     * BATCHED also accepts IN_PRINT: the letter that fills a batch may be batched and the batch closed
     * by the service's own timer between two polls.
     */
    PrintLetter awaitLetter(UUID id, PrintLetter.Status status) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            preparation.prepareDue();
            PrintLetter l = letter(id);
            return l != null && (l.status == status
                    || (status == PrintLetter.Status.BATCHED && l.status == PrintLetter.Status.IN_PRINT && l.batchId != null));
        });
        return letter(id);
    }

    /** Prepares the letters due now, once; returns how many were claimed. */
    int prepareDue() {
        return preparation.prepareDue();
    }

    /** Closes every open batch now, so a test starts with no open batch. */
    void closeOpenBatches() {
        List<UUID> open = QuarkusTransaction.requiringNew().call(() -> batches.list("state", PrintBatch.State.OPEN)
                .stream().map(b -> b.id).toList());
        open.forEach(id -> closing.closeByHand(id, "test-cleanup"));
    }

    void close(UUID batchId) {
        closing.closeByHand(batchId, "printcenter-test");
    }

    PrintBatch awaitRendered(UUID batchId) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            rendering.renderDue();
            return batch(batchId).renderedAt != null;
        });
        return batch(batchId);
    }

    PrintBatch awaitBatch(UUID batchId, PrintBatch.State state) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            closing.finishClosing();
            PrintBatch b = batch(batchId);
            return b != null && b.state == state;
        });
        return batch(batchId);
    }

    static List<PrintBatchStateChanged> batchEvents(KafkaTestClient kafka, UUID batchId, Predicate<List<PrintBatchStateChanged>> done) {
        List<ConsumerRecord<String, String>> records = kafka.readUntil(Topics.PRINT_BATCH_STATE_CHANGED, WAIT,
                rs -> done.test(ofBatch(rs, batchId)));
        return ofBatch(records, batchId);
    }

    private static List<PrintBatchStateChanged> ofBatch(List<ConsumerRecord<String, String>> records, UUID batchId) {
        return records.stream().filter(r -> batchId.toString().equals(r.key()))
                .map(r -> KafkaTestClient.parse(r.value(), PrintBatchStateChanged.class)).toList();
    }
}
