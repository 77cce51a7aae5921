package dk.brevrute.print.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import dk.brevrute.events.Channel;
import dk.brevrute.print.config.PrintConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import org.jboss.logging.Logger;

/**
 * Asks routing-service, just before a batch closes, which of its letters now go digitally. When
 * routing cannot be reached the letters stay in the batch: printing a letter that could have gone
 * digitally costs postage, but holding the batch back would delay every letter in it.
 */
@ApplicationScoped
public class RoutingRecheck {

    private static final Logger LOG = Logger.getLogger(RoutingRecheck.class);

    private final PrintConfig.Routing config;
    private final RecheckApi api;
    private final Counter unavailable;

    RoutingRecheck(PrintConfig config, MeterRegistry registry) {
        this.config = config.routing();
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(this.config.url())
                .connectTimeout(this.config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(this.config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build(RecheckApi.class);
        this.unavailable = Counter.builder("print_recheck_unavailable_total")
                .description("Batch closes whose routing re-check could not be made (letters kept in the batch)")
                .register(registry);
    }

    /** Letter id to routing's reason, for the letters that now go DIGITAL; empty when routing did not answer. */
    public Optional<Map<UUID, String>> nowDigital(List<UUID> letterIds) {
        Map<UUID, String> digital = new HashMap<>();
        String auth = config.token().map(t -> "Bearer " + t).orElse(null);
        for (int from = 0; from < letterIds.size(); from += config.chunkSize()) {
            List<UUID> chunk = letterIds.subList(from, Math.min(letterIds.size(), from + config.chunkSize()));
            Optional<RecheckApi.Answer> answer = ask(auth, chunk);
            if (answer.isEmpty()) {
                unavailable.increment();
                return Optional.empty();
            }
            if (answer.get().decisions() != null) {
                for (RecheckApi.Decision d : answer.get().decisions()) {
                    if (d.channel() == Channel.DIGITAL && chunk.contains(d.letterId())) {
                        digital.put(d.letterId(), d.reason());
                    }
                }
            }
        }
        return Optional.of(digital);
    }

    private Optional<RecheckApi.Answer> ask(String auth, List<UUID> chunk) {
        String why = "";
        for (int attempt = 1; attempt <= Math.max(1, config.attempts()); attempt++) {
            try {
                return Optional.of(api.recheck(auth, new RecheckApi.Request(chunk)));
            } catch (WebApplicationException e) {
                why = "HTTP " + e.getResponse().getStatus();
            } catch (ProcessingException e) {
                why = e.getCause() == null ? e.getClass().getSimpleName() : e.getCause().getClass().getSimpleName();
            }
        }
        LOG.warnf("routing re-check unavailable (%s): %d letters stay in the batch without re-check", why, chunk.size());
        return Optional.empty();
    }
}
