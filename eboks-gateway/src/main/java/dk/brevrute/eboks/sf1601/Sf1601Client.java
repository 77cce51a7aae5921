package dk.brevrute.eboks.sf1601;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.brevrute.eboks.config.GatewayConfig;
import dk.brevrute.eboks.delivery.DeliveryFailure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * SF1601 over HTTP with fault tolerance. Each call: a timeout; retries with exponential back-off
 * and jitter for transient failures (5xx, 401/403/408/425, connection errors, timeouts); a circuit
 * breaker per operation that stops calls while SF1601 is down; a bulkhead. A 429 is not retried
 * here: the letter waits for {@code Retry-After} in the database instead of holding a thread.
 * Other 4xx answers are permanent. The annotation values are production defaults; every one can
 * be changed in configuration ({@code quarkus.fault-tolerance."<class>/<method>".*}).
 *
 * <p>Nothing here logs or puts into an exception a URL or an error message of the HTTP stack:
 * the PostForespoerg URL holds a CPR number.
 */
@ApplicationScoped
public class Sf1601Client {

    public static final String SEND_BREAKER = "sf1601-send";
    public static final String LOOKUP_BREAKER = "sf1601-lookup";

    private static final Pattern CPR_LIKE = Pattern.compile("(?<![0-9])[0-9]{6}-?[0-9]{4}(?![0-9])");
    private static final int MAX_REASON = 300;

    private final Sf1601Api api;
    private final Sf1601TokenSource tokens;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;

    Sf1601Client(GatewayConfig config, Sf1601TokenSource tokens, ObjectMapper mapper, MeterRegistry registry) {
        this.tokens = tokens;
        this.mapper = mapper;
        this.registry = registry;
        GatewayConfig.Sf1601 c = config.sf1601();
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(c.url())
                .connectTimeout(c.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(c.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                .build(Sf1601Api.class);
    }

    /**
     * KombiPostAfsend: posts the {@code kombi_request} in {@code kombiRequest} under
     * {@code transactionId}; returns when SF1601 accepted it. {@code posts} counts every HTTP
     * attempt, retries included.
     */
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 3, delay = 500, jitter = 250, maxDuration = 120_000,
            retryOn = {DeliveryFailure.Transient.class, TimeoutException.class},
            abortOn = {DeliveryFailure.Permanent.class, DeliveryFailure.RetryLater.class})
    @ExponentialBackoff(factor = 2, maxDelay = 10_000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 30_000, successThreshold = 3,
            skipOn = DeliveryFailure.Permanent.class)
    @CircuitBreakerName(SEND_BREAKER)
    @Bulkhead(32)
    @WithSpan("SF1601 KombiPostAfsend")
    public void send(UUID transactionId, Path kombiRequest, AtomicInteger posts) throws IOException {
        posts.incrementAndGet();
        Timer.Sample sample = Timer.start(registry);
        String outcome = "error";
        // Each attempt (retries included) streams the file afresh through a stream of its own, closed here.
        try (InputStream body = Files.newInputStream(kombiRequest);
                Response r = api.send(transactionId.toString(), now(), authorization(), body)) {
            outcome = outcome(r.getStatus());
            if (r.getStatus() / 100 == 2) {
                return;
            }
            throw failure("KombiPostAfsend", r);
        } catch (ProcessingException e) {
            throw new DeliveryFailure.Transient("SF1601 KombiPostAfsend: no answer (" + describe(e) + ")");
        } finally {
            sample.stop(requestTimer("KombiPostAfsend", outcome));
        }
    }

    /** PostForespoerg: whether the citizen can receive Digital Post now. */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, jitter = 150,
            retryOn = {DeliveryFailure.Transient.class, TimeoutException.class},
            abortOn = {DeliveryFailure.Permanent.class, DeliveryFailure.RetryLater.class})
    @ExponentialBackoff(factor = 2, maxDelay = 5_000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 30_000, successThreshold = 3,
            skipOn = DeliveryFailure.Permanent.class)
    @CircuitBreakerName(LOOKUP_BREAKER)
    @Bulkhead(32)
    @WithSpan("SF1601 PostForespoerg")
    public boolean canReceiveDigitalPost(String cprNumber) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "error";
        try (Response r = api.digitalPost(cprNumber, UUID.randomUUID().toString(), now(), authorization())) {
            outcome = outcome(r.getStatus());
            if (r.getStatus() / 100 != 2) {
                throw failure("PostForespoerg", r);
            }
            JsonNode result = mapper.readTree(r.readEntity(String.class)).get("result");
            if (result == null || !result.isBoolean()) {
                throw new DeliveryFailure.Transient("SF1601 PostForespoerg: answer without a boolean result");
            }
            return result.booleanValue();
        } catch (ProcessingException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DeliveryFailure.Transient("SF1601 PostForespoerg: no usable answer (" + describe(e) + ")");
        } finally {
            sample.stop(requestTimer("PostForespoerg", outcome));
        }
    }

    private Timer requestTimer(String operation, String outcome) {
        return Timer.builder("gateway.sf1601.requests").description("SF1601 HTTP requests, by operation and answer")
                .tag("operation", operation).tag("outcome", outcome).publishPercentileHistogram().register(registry);
    }

    private String authorization() {
        return tokens.bearerToken().map(t -> "Bearer " + t).orElse(null);
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static String outcome(int status) {
        return status == 429 ? "429" : (status / 100) + "xx";
    }

    /** An answer other than 2xx, as the failure it means. */
    private DeliveryFailure failure(String operation, Response r) {
        int status = r.getStatus();
        String reason = "SF1601 " + operation + " answered " + status + detail(r);
        if (status == 429) {
            return new DeliveryFailure.RetryLater(reason, retryAfter(r.getHeaderString("Retry-After")).orElse(null));
        }
        if (status >= 500 || status == 401 || status == 403 || status == 408 || status == 425) {
            return new DeliveryFailure.Transient(reason);
        }
        return new DeliveryFailure.Permanent(reason);
    }

    /** {@code errorCode: errorText} from a JSON error body, else the start of the body; CPR-like numbers masked. */
    private String detail(Response r) {
        String body;
        try {
            body = r.hasEntity() ? r.readEntity(String.class) : "";
        } catch (RuntimeException e) {
            return "";
        }
        if (body == null || body.isBlank()) {
            return "";
        }
        String text;
        try {
            JsonNode json = mapper.readTree(body);
            String code = json.path("errorCode").asText("");
            String message = json.path("errorText").asText("");
            text = (code + (code.isEmpty() || message.isEmpty() ? "" : ": ") + message).strip();
            if (text.isEmpty()) {
                text = body.strip();
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            text = body.strip();
        }
        text = CPR_LIKE.matcher(text.replaceAll("\\s+", " ")).replaceAll("**********");
        text = text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "..." : text;
        return " (" + text + ")";
    }

    /** Any run of digits shaped like a CPR number (DDMMYY-SSSS, hyphen optional) masked: for text from outside. */
    public static String maskCprLike(String text) {
        return text == null ? null : CPR_LIKE.matcher(text).replaceAll("**********");
    }

    /** {@code Retry-After} as seconds or an HTTP date. */
    static Optional<Duration> retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip()))));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(Instant.now(), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (RuntimeException e2) {
                return Optional.empty();
            }
        }
    }

    /** Exception class names only: HTTP-stack messages quote the request URL. */
    public static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 200; t = t.getCause()) {
            if (!sb.isEmpty()) {
                sb.append(" <- ");
            }
            sb.append(t.getClass().getSimpleName());
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.toString();
    }
}
