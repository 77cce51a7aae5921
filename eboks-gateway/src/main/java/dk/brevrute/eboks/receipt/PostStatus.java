package dk.brevrute.eboks.receipt;

import java.time.Instant;
import java.util.UUID;

/**
 * A status message about a sent letter, shaped after Serviceplatformen's PostStatusBesked: the
 * SF1601 transaction id the letter was sent under, its status ({@code received}, {@code read},
 * {@code failed}), when, and for {@code failed} why. {@code messageUuid} (the MeMo message UUID)
 * is informative only.
 */
public record PostStatus(UUID transactionId, UUID messageUuid, String status, Instant time, String reason) {
}
