package dk.brevrute.kit.ratelimit;

import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import dk.brevrute.kit.api.Problem;
import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Per-department rate limit of the REST API (a token bucket per {@code department} claim, or per
 * token subject when there is none), answering 429 problem+json with {@code Retry-After}. Callers
 * with an exempt role (by default {@code service}: service-to-service calls) are not limited.
 * Unauthenticated requests are not counted (they get 401 where a token is needed). Per replica.
 */
@Singleton
public class RateLimitFilter {

    static final String PREFIX = "brevrute.rate-limit.";
    static final String DEPARTMENT_PREFIX = PREFIX + "departments.";

    private final boolean enabled;
    private final TokenBuckets.Limit defaultLimit;
    private final Map<String, TokenBuckets.Limit> departmentLimits;
    private final List<String> exemptRoles;
    private final TokenBuckets buckets = new TokenBuckets();
    private final MeterRegistry meters;

    RateLimitFilter(@ConfigProperty(name = PREFIX + "enabled", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = PREFIX + "requests-per-second", defaultValue = "50") double perSecond,
            @ConfigProperty(name = PREFIX + "burst", defaultValue = "100") int burst,
            @ConfigProperty(name = PREFIX + "exempt-roles", defaultValue = "service") List<String> exemptRoles,
            Config config, MeterRegistry meters) {
        this.enabled = enabled;
        this.defaultLimit = new TokenBuckets.Limit(perSecond, burst);
        this.exemptRoles = exemptRoles;
        this.departmentLimits = departmentLimits(config, defaultLimit);
        this.meters = meters;
    }

    /**
     * {@code brevrute.rate-limit.departments."<DEPT>".requests-per-second} and {@code .burst}: a
     * department's own limit (either key alone keeps the default for the other).
     */
    static Map<String, TokenBuckets.Limit> departmentLimits(Config config, TokenBuckets.Limit defaults) {
        Map<String, TokenBuckets.Limit> limits = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (!name.startsWith(DEPARTMENT_PREFIX)) {
                continue;
            }
            String rest = name.substring(DEPARTMENT_PREFIX.length());
            int dot = rest.lastIndexOf('.');
            if (dot <= 0) {
                continue;
            }
            String department = rest.substring(0, dot).replace("\"", "");
            if (limits.containsKey(department)) {
                continue;
            }
            String base = DEPARTMENT_PREFIX + rest.substring(0, dot);
            double perSecond = config.getOptionalValue(base + ".requests-per-second", Double.class).orElse(defaults.perSecond());
            int burst = config.getOptionalValue(base + ".burst", Integer.class).orElse(defaults.burst());
            limits.put(department, new TokenBuckets.Limit(perSecond, burst));
        }
        return Map.copyOf(limits);
    }

    @ServerRequestFilter
    public Optional<Response> limit(ContainerRequestContext request) {
        if (!enabled) {
            return Optional.empty();
        }
        SecurityContext security = request.getSecurityContext();
        Principal principal = security == null ? null : security.getUserPrincipal();
        if (principal == null || exemptRoles.stream().anyMatch(security::isUserInRole)) {
            return Optional.empty();
        }
        String department = null;
        if (principal instanceof JsonWebToken jwt) {
            Object claim = jwt.getClaim("department");
            department = claim == null || claim.toString().isBlank() ? null : claim.toString();
        }
        String key = department != null ? "department:" + department : "subject:" + principal.getName();
        TokenBuckets.Limit limit = department == null ? defaultLimit : departmentLimits.getOrDefault(department, defaultLimit);
        TokenBuckets.Decision decision = buckets.take(key, limit);
        if (decision.allowed()) {
            return Optional.empty();
        }
        meters.counter("brevrute.rate.limited", "department", department == null ? "none" : department).increment();
        String who = department != null ? "department " + department : "this caller";
        Problem problem = new Problem(Problem.type("rate-limited"), "Too Many Requests", 429,
                who + " sent more than " + limit.burst() + " requests at once or " + format(limit.perSecond())
                        + " a second; try again in " + decision.retryAfterSeconds() + " s",
                request.getUriInfo().getPath(), null);
        return Optional.of(Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", decision.retryAfterSeconds())
                .entity(problem).build());
    }

    private static String format(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
