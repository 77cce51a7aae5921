package dk.brevrute.kit.api;

import java.util.Map;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

/**
 * What a browser page's {@code /session} endpoint answers after the authorization-code flow: the
 * session's access token for the page's bearer calls to the API, never cached; without a provider
 * session, 404 (the page then takes a pasted token).
 */
public final class SessionToken {

    private SessionToken() {
    }

    /** {@code accessToken} (null: no provider session) of {@code subject}, as the page reads it. */
    public static Response response(String accessToken, String subject) {
        if (accessToken == null) {
            throw new ProblemException(404, "no-provider-session", "No sign-in session",
                    "There is no session from the OIDC provider; sign in with a bearer token instead.");
        }
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        noStore.setNoCache(true);
        noStore.setPrivate(true);
        return Response.ok(Map.of("accessToken", accessToken, "subject", subject)).cacheControl(noStore).build();
    }
}
