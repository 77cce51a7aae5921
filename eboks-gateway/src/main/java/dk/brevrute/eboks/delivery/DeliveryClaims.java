package dk.brevrute.eboks.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.kit.observability.TraceContext;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Claims due letters for this worker: PENDING letters whose time has come, and SENDING letters
 * whose lease ran out (their worker died). {@code FOR UPDATE SKIP LOCKED} lets any number of
 * replicas claim side by side without taking the same letter; each claim gets a fresh token and a
 * lease ({@code next_attempt_at} in the future).
 */
@ApplicationScoped
class DeliveryClaims {

    /** A claimed letter and what its attempt needs, read in the claiming statement. */
    record Claimed(DeliveryOutcomes.Claim claim, DeliveryAttempt.Job job) {
    }

    private static final String CLAIM = """
            UPDATE digital_delivery d
               SET status = 'SENDING', claim_token = gen_random_uuid(),
                   next_attempt_at = now() + (? * interval '1 millisecond'), updated_at = now()
             WHERE d.letter_id IN (SELECT letter_id FROM digital_delivery
                                    WHERE status IN ('PENDING', 'SENDING') AND next_attempt_at <= now()
                                    ORDER BY next_attempt_at
                                    LIMIT ?
                                    FOR UPDATE SKIP LOCKED)
            RETURNING d.letter_id, d.claim_token, d.transaction_id, d.department, d.recipient_type, d.recipient_id, d.subject,
                      d.mandatory, d.legal_notification, d.document_id, d.document_sha256, d.filename, d.received_at,
                      EXISTS (SELECT 1 FROM cancelled_letter c WHERE c.letter_id = d.letter_id), d.traceparent, d.tracestate,
                      d.registration_checked_at""";

    private final AgroalDataSource dataSource;

    DeliveryClaims(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Claims up to {@code max} due letters for {@code lease}, each with what its attempt needs (one
     * statement, one transaction: the attempt opens none before it calls SF1601).
     */
    List<Claimed> claim(int max, Duration lease) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Claimed> claims = new ArrayList<>();
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CLAIM)) {
                ps.setLong(1, lease.toMillis());
                ps.setInt(2, max);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        UUID letterId = rs.getObject(1, UUID.class);
                        DeliveryAttempt.Job job = new DeliveryAttempt.Job(letterId, rs.getObject(3, UUID.class), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8), rs.getBoolean(9), rs.getString(10),
                                rs.getString(11), rs.getString(12), rs.getObject(13, OffsetDateTime.class).toInstant(), rs.getBoolean(14),
                                TraceContext.of(rs.getString(15), rs.getString(16)),
                                rs.getObject(17, OffsetDateTime.class) == null ? null : rs.getObject(17, OffsetDateTime.class).toInstant());
                        claims.add(new Claimed(new DeliveryOutcomes.Claim(letterId, rs.getObject(2, UUID.class)), job));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("claiming due letters failed", e);
            }
            return claims;
        });
    }
}
