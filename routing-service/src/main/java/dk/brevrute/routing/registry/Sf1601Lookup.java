package dk.brevrute.routing.registry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import dk.brevrute.routing.config.RoutingConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Asks SF1601 whether a citizen is registered for Digital Post, with a timeout, a few retries and a
 * circuit breaker. Failures surface as {@link LookupUnavailableException} whose message names
 * neither the CPR number nor the URL.
 */
@ApplicationScoped
class Sf1601Lookup {

    /** The look-up could not answer now. */
    static class LookupUnavailableException extends Exception {
        LookupUnavailableException(String message) {
            super(message, null, false, false);
        }
    }

    private final Sf1601Client client;
    private final RoutingConfig config;
    private final MeterRegistry meters;

    Sf1601Lookup(@RestClient Sf1601Client client, RoutingConfig config, MeterRegistry meters) {
        this.client = client;
        this.config = config;
        this.meters = meters;
    }

    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = LookupUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000, failOn = LookupUnavailableException.class)
    boolean isRegistered(String cprDigits) throws LookupUnavailableException {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        try {
            Sf1601Client.Answer answer = client.digitalPost(cprDigits, UUID.randomUUID().toString(),
                    Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
                    config.lookup().token().map(t -> "Bearer " + t).orElse(null));
            if (answer == null || answer.result() == null) {
                throw new LookupUnavailableException("SF1601 answered without a result");
            }
            outcome = answer.result() ? "registered" : "not_registered";
            return answer.result();
        } catch (WebApplicationException e) {
            throw new LookupUnavailableException("SF1601 answered HTTP " + e.getResponse().getStatus());
        } catch (RuntimeException e) {
            throw new LookupUnavailableException("SF1601 unreachable (" + e.getClass().getSimpleName() + ")");
        } finally {
            sample.stop(meters.timer("brevrute.registration.lookup", "outcome", outcome));
        }
    }
}
