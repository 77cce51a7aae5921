package dk.brevrute.kit.audit;

import java.util.List;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.kit.privacy.CprMask;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is asking, and why: the token's subject, roles and {@code department} claim, and the purpose the
 * caller gave ({@code X-Purpose} header, else the {@code purpose} query parameter). Outside an HTTP
 * request (a consumer, a timer) the caller is {@code system}.
 */
@ApplicationScoped
public class AuditCaller {

    public static final String PURPOSE_HEADER = "X-Purpose";
    public static final String PURPOSE_PARAM = "purpose";
    public static final String DEPARTMENT_CLAIM = "department";
    static final int MAX_PURPOSE = 500;

    /** The caller as the audit records it. */
    public record Who(String actor, List<String> roles, String department, String purpose, String endpoint) {

        public boolean hasRole(String role) {
            return roles.contains(role);
        }
    }

    public Who current() {
        ArcContainer arc = Arc.container();
        if (arc == null || !arc.requestContext().isActive()) {
            return new Who("system", List.of(), null, null, null);
        }
        String actor = "anonymous";
        List<String> roles = List.of();
        String department = null;
        try (InstanceHandle<SecurityIdentity> handle = arc.instance(SecurityIdentity.class)) {
            SecurityIdentity identity = handle.isAvailable() ? handle.get() : null;
            if (identity != null && !identity.isAnonymous()) {
                actor = identity.getPrincipal().getName();
                roles = List.copyOf(new TreeSet<>(identity.getRoles()));
                if (identity.getPrincipal() instanceof JsonWebToken jwt) {
                    Object claim = jwt.getClaim(DEPARTMENT_CLAIM);
                    department = claim == null ? null : claim.toString();
                }
            }
        }
        String purpose = null;
        String endpoint = null;
        try (InstanceHandle<CurrentVertxRequest> handle = arc.instance(CurrentVertxRequest.class)) {
            RoutingContext rc = handle.isAvailable() ? handle.get().getCurrent() : null;
            if (rc != null) {
                purpose = rc.request().getHeader(PURPOSE_HEADER);
                if (purpose == null || purpose.isBlank()) {
                    purpose = rc.request().getParam(PURPOSE_PARAM);
                }
                // The path only: our own URLs carry ids, never a CPR number, and the query may hold the purpose.
                endpoint = rc.request().method().name() + " " + rc.request().path();
            }
        }
        return new Who(actor == null ? "anonymous" : actor, roles, department, clean(purpose), endpoint);
    }

    /** A purpose as stored: control characters dropped, CPR-shaped numbers masked, at most 500 characters. */
    static String clean(String purpose) {
        if (purpose == null) {
            return null;
        }
        String s = CprMask.maskAll(purpose.replaceAll("\\p{Cntrl}", " ").strip());
        if (s.isEmpty()) {
            return null;
        }
        return s.length() > MAX_PURPOSE ? s.substring(0, MAX_PURPOSE) : s;
    }
}
