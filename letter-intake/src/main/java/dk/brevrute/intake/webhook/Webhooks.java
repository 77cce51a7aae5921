package dk.brevrute.intake.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.brevrute.events.Department;
import dk.brevrute.events.LetterStatusChanged;
import dk.brevrute.intake.config.IntakeConfig;
import dk.brevrute.kit.api.ProblemException;
import dk.brevrute.kit.transaction.TransactionMemo;

/**
 * Departments' callback subscriptions, and the queue of deliveries: every status event a
 * subscription wants becomes a delivery row in the same transaction as the event itself.
 */
@ApplicationScoped
public class Webhooks {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new subscription; the secret is shown only here. */
    public record Created(UUID id, String url, Set<LetterStatusChanged.Status> kinds, String secret) {
    }

    private final WebhookRepositories.Subscriptions subscriptions;
    private final WebhookRepositories.Deliveries deliveries;
    private final IntakeConfig config;
    private final ObjectMapper mapper;
    private final TransactionMemo memo;

    Webhooks(WebhookRepositories.Subscriptions subscriptions, WebhookRepositories.Deliveries deliveries, IntakeConfig config,
            ObjectMapper mapper, TransactionMemo memo) {
        this.memo = memo;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.config = config;
        this.mapper = mapper;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Created subscribe(Department department, String unit, String url, Set<LetterStatusChanged.Status> kinds, String by) {
        URI uri = checkUrl(url);
        if (kinds == null || kinds.isEmpty()) {
            kinds = EnumSet.allOf(LetterStatusChanged.Status.class);
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        WebhookSubscription s = new WebhookSubscription();
        s.id = UUID.randomUUID();
        s.department = department.id();
        s.unit = unit;
        s.url = uri.toString();
        s.secret = HexFormat.of().formatHex(secret);
        s.kinds = kinds.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        s.active = true;
        s.createdBy = by;
        s.createdAt = Instant.now();
        subscriptions.persist(s);
        return new Created(s.id, s.url, kinds, s.secret);
    }

    /** Queues the event for every active subscription of its department that wants its status. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(LetterStatusChanged event) {
        List<WebhookSubscription> wanting = activeFor(event.department()).stream()
                .filter(s -> Arrays.asList(s.kinds.split(",")).contains(event.status().name()))
                .toList();
        if (wanting.isEmpty()) {
            return;
        }
        String payload;
        try {
            payload = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Instant now = Instant.now();
        for (WebhookSubscription s : wanting) {
            WebhookDelivery d = new WebhookDelivery();
            d.subscriptionId = s.id;
            d.department = s.department;
            d.eventId = event.eventId();
            d.statusKind = event.status().name();
            d.payload = payload;
            d.state = WebhookDelivery.State.PENDING;
            d.nextAttemptAt = now;
            d.createdAt = now;
            deliveries.persist(d);
        }
    }

    /**
     * The department's active subscriptions. All departments' are read in one query, once per
     * transaction: a consumer's poll changes the status of hundreds of letters of several departments
     * in one transaction. (A subscription created meanwhile counts from the next transaction on.)
     */
    private List<WebhookSubscription> activeFor(String department) {
        Map<String, List<WebhookSubscription>> active = memo.get(List.of(Webhooks.class, "active"),
                () -> subscriptions.active().stream().collect(Collectors.groupingBy(s -> s.department)));
        return active.getOrDefault(department, List.of());
    }

    /**
     * A callback URL must be https (http only where allowed) and must not point at loopback,
     * link-local, private or other internal addresses (unless allowed, as in the local run), so a
     * webhook cannot be aimed at our own services. Checked at registration and again at each delivery.
     */
    URI checkUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url == null ? "" : url.strip());
        } catch (IllegalArgumentException e) {
            throw invalid("not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && config.webhooks().allowHttp())) {
            throw invalid("callback URLs must use https");
        }
        if (uri.getHost() == null || uri.getUserInfo() != null) {
            throw invalid("a callback URL needs a host and no credentials");
        }
        if (!config.webhooks().allowPrivateAddresses()) {
            try {
                for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                    if (isInternal(address)) {
                        throw invalid("callback URLs may not point at loopback, link-local or private addresses");
                    }
                }
            } catch (UnknownHostException e) {
                throw invalid("the callback host does not resolve");
            }
        }
        return uri;
    }

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        // Unique local IPv6 (fc00::/7) and carrier-grade NAT (100.64.0.0/10).
        return (b.length == 16 && (b[0] & 0xfe) == 0xfc) || (b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64);
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(422, "invalid-callback", "Invalid callback URL", detail);
    }
}
