package dk.brevrute.intake.status;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dk.brevrute.events.Channel;
import dk.brevrute.events.Department;
import dk.brevrute.events.LetterStatusChanged;
import dk.brevrute.events.LetterStatusChanged.Status;
import dk.brevrute.events.Topics;
import dk.brevrute.events.Violation;
import dk.brevrute.intake.config.Departments;
import dk.brevrute.intake.webhook.Webhooks;
import dk.brevrute.kit.messaging.Outbox;

/**
 * The status feed for the sending systems: every status change of a letter, on its department's
 * letters.status-changed topic (whose ACL admits only that department), written in the same
 * transaction as the timeline entry it summarises, so feed and timeline never disagree. The same
 * event is queued for the department's webhook subscriptions.
 */
@ApplicationScoped
public class StatusFeed {

    private final Outbox outbox;
    private final Departments departments;
    private final Webhooks webhooks;

    StatusFeed(Outbox outbox, Departments departments, Webhooks webhooks) {
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.departments = departments;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(UUID letterId, String department, String senderReference, Status status, Channel channel,
            String reason, BigDecimal postage, Instant at) {
        Department d = departments.byId(department).orElseThrow(
                () -> new IllegalStateException("letter " + letterId + " of an unconfigured department"));
        LetterStatusChanged event = new LetterStatusChanged(UUID.randomUUID(), at, letterId, department, senderReference, status,
                channel, reason, postage);
        outbox.append(Topics.lettersStatusChanged(d), letterId.toString(), event);
        webhooks.enqueue(event);
    }

    /** A request that never became a letter, keyed by the sender's reference. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void rejected(Department department, String senderReference, List<Violation> violations, Instant at) {
        String reason = violations.stream().map(Violation::code).distinct().collect(Collectors.joining(","));
        LetterStatusChanged event = new LetterStatusChanged(UUID.randomUUID(), at, null, department.id(), senderReference,
                Status.REJECTED, null, reason, null);
        outbox.append(Topics.lettersStatusChanged(department), senderReference == null ? "" : senderReference, event);
        webhooks.enqueue(event);
    }
}
