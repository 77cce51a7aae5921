package dk.brevrute.eboks.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

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

    private static final String CLAIM = """
            UPDATE digital_delivery d
               SET status = 'SENDING', claim_token = gen_random_uuid(),
                   next_attempt_at = now() + (? * interval '1 millisecond'), updated_at = now()
             WHERE d.letter_id IN (SELECT letter_id FROM digital_delivery
                                    WHERE status IN ('PENDING', 'SENDING') AND next_attempt_at <= now()
                                    ORDER BY next_attempt_at
                                    LIMIT ?
                                    FOR UPDATE SKIP LOCKED)
            RETURNING d.letter_id, d.claim_token""";

    private final AgroalDataSource dataSource;

    DeliveryClaims(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    List<DeliveryOutcomes.Claim> claim(int max, Duration lease) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<DeliveryOutcomes.Claim> claims = new ArrayList<>();
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CLAIM)) {
                ps.setLong(1, lease.toMillis());
                ps.setInt(2, max);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        claims.add(new DeliveryOutcomes.Claim(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("claiming due letters failed", e);
            }
            return claims;
        });
    }
}
