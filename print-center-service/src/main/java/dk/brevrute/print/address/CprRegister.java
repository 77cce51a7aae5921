package dk.brevrute.print.address;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import dk.brevrute.events.PostalAddress;
import dk.brevrute.print.config.PrintConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import org.jboss.logging.Logger;

/**
 * Looks up a citizen's address in the CPR register, with a timeout per call and a few quick retries
 * on connection errors, timeouts and 5xx answers. 404 means the register does not know the person.
 */
@ApplicationScoped
public class CprRegister {

    private static final Logger LOG = Logger.getLogger(CprRegister.class);

    /** What the register said. */
    public sealed interface Answer {
    }

    public record Found(PostalAddress address, boolean addressProtected) implements Answer {
    }

    public record Unknown() implements Answer {
    }

    /** Not reachable now (or not configured): try again later. */
    public record Unavailable(String why) implements Answer {
    }

    private final PrintConfig.CprRegister config;
    private final CprRegisterApi api;

    CprRegister(PrintConfig config) {
        this.config = config.cprRegister();
        this.api = this.config.url().map(url -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(url)
                .connectTimeout(this.config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(this.config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build(CprRegisterApi.class)).orElse(null);
        if (api == null) {
            LOG.warn("print.cpr-register.url is not set: letters that need the CPR-register look-up will wait");
        }
    }

    public Answer lookUp(String cpr) {
        if (api == null) {
            return new Unavailable("not configured");
        }
        String auth = config.token().map(t -> "Bearer " + t).orElse(null);
        String why = "";
        for (int attempt = 1; attempt <= Math.max(1, config.attempts()); attempt++) {
            try {
                CprRegisterApi.Person p = api.person(auth, new CprRegisterApi.PersonRequest(cpr));
                if (p == null || p.address() == null) {
                    return new Unknown();
                }
                PostalAddress a = p.address();
                String name = a.name() != null && !a.name().isBlank() ? a.name() : p.name();
                return new Found(new PostalAddress(name, a.street(), a.supplement(), a.postcode(), a.city(),
                        a.country() == null ? "DK" : a.country()), p.addressProtected());
            } catch (WebApplicationException e) {
                int status = e.getResponse().getStatus();
                if (status == 404) {
                    return new Unknown();
                }
                why = "HTTP " + status;
                if (status < 500 && status != 429) {
                    return new Unavailable(why);
                }
            } catch (ProcessingException e) {
                why = e.getCause() == null ? e.getClass().getSimpleName() : e.getCause().getClass().getSimpleName();
            }
            pause(attempt);
        }
        return new Unavailable(why);
    }

    private void pause(int attempt) {
        if (attempt >= config.attempts()) {
            return;
        }
        try {
            Thread.sleep(config.retryDelay().toMillis() * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
