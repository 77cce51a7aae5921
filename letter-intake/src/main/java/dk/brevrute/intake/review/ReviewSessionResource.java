package dk.brevrute.intake.review;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dk.brevrute.kit.api.SessionToken;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The review page's sign-in through the OIDC provider: after the authorization-code flow the page asks
 * here for the session's access token and calls the bearer-only API with it. The path lies under
 * {@code /review/}, which the code flow protects (role caseworker) when {@code brevrute.oidc.enabled};
 * without a provider session there is no token here (404), and the page falls back to a pasted token.
 */
@Path("/review/session")
class ReviewSessionResource {

    private final SecurityIdentity identity;

    ReviewSessionResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response session() {
        AccessTokenCredential credential = identity.isAnonymous() ? null : identity.getCredential(AccessTokenCredential.class);
        return credential == null ? SessionToken.response(null, null)
                : SessionToken.response(credential.getToken(), identity.getPrincipal().getName());
    }
}
