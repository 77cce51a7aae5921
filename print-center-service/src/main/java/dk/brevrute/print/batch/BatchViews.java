package dk.brevrute.print.batch;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the operators' API shows. No names or street addresses: an envelope is known by its number and postcode. */
final class BatchViews {

    private BatchViews() {
    }

    record Batch(UUID id, String state, String postageClass, String envelopeSize, int letters, int envelopes, int sheets,
            Long pages, Long weightGrams, BigDecimal postage, String tariffId, Instant openedAt, Instant closedAt, Instant stateSince,
            String closeReason, String failureReason, boolean printFileReady, String nextStep) {

        static Batch of(PrintBatch b) {
            PrintBatch.State next = b.state == PrintBatch.State.FAILED ? PrintBatch.State.CLOSED : b.state.next();
            return new Batch(b.id, b.state.name(), b.postageClass.name(), b.envelopeSize, b.letters, b.envelopes, b.sheets, b.pages,
                    b.weightGrams, b.postage, b.tariffId, b.openedAt, b.closedAt, b.stateSince, b.closeReason, b.failureReason,
                    b.renderedAt != null, next == null ? null : next.name());
        }
    }

    record Step(String from, String to, Instant at, String operator, String reason) {
    }

    record Envelope(int seq, boolean carrierSheet, int sheets, int letters, String zone, String country, String postcode,
            Integer weightGrams, BigDecimal postage) {
    }

    record Detail(Batch batch, List<Step> history, List<Envelope> envelopes) {
    }

    record Letter(UUID letterId, String department, String status, UUID batchId, Integer envelopeSeq, String addressSource,
            String zone, Integer sheets, BigDecimal postage, BigDecimal materialCost, BigDecimal consolidationSaving, String tariffId,
            String failureReason, Instant deliveredAt, Instant returnedAt, String returnReason, String returnedBy) {
    }

    /** An operator's request to move a batch on. */
    record Move(String state, String reason) {
    }

    record Return(String reason) {
    }
}
