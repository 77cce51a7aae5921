package dk.brevrute.testinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What every browser page's sign-in through the OIDC provider must do, checked at the HTTP level
 * against {@link OidcTestProvider}: the page and its {@code session} endpoint (which hands the page
 * the session's access token) sit behind the authorization-code flow; the page's API stays
 * bearer-only. Users are registered by the caller with password {@code "pw-" + username}.
 *
 * @param page the page ({@code .../}); its logout is {@code page + "logout"}
 * @param session the endpoint that returns the session's access token
 * @param api an API the page calls, which the role's token may read
 * @param cookiePath the session cookie's path
 * @param pageMarker text only the page itself contains
 */
public record PageSignIn(OidcTestProvider provider, URI page, URI session, URI api, String cookiePath, String pageMarker) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Without a session the page and its token endpoint redirect to the provider (PKCE, nonce, state)
     * and no token leaks, not even to a caller with a valid bearer token.
     */
    public void assertRedirectsToTheProviderWithoutASession(String validBearerToken) {
        HttpResponse<String> toLogin = new CodeFlowClient().get(page);
        assertEquals(302, toLogin.statusCode());
        URI login = CodeFlowClient.location(toLogin);
        assertTrue(login.toString().startsWith(provider.url() + "/authorize?"), login.toString());
        String query = login.getRawQuery();
        assertTrue(query.contains("client_id=" + OidcTestProvider.CLIENT_ID) && query.contains("response_type=code")
                && query.contains("code_challenge=") && query.contains("nonce=") && query.contains("state="), query);

        HttpResponse<String> token = new CodeFlowClient().get(session);
        assertEquals(302, token.statusCode(), "the token endpoint is behind the sign-in too");
        assertTrue(CodeFlowClient.location(token).toString().startsWith(provider.url() + "/authorize?"));
        assertFalse(token.body().contains("accessToken") || token.body().contains("eyJ"), token.body());

        // A bearer token does not open the page: the page takes the provider's session only.
        HttpResponse<String> withBearer = new CodeFlowClient().get(session, "Authorization", "Bearer " + validBearerToken);
        assertEquals(302, withBearer.statusCode());
        assertFalse(withBearer.body().contains("eyJ"));
    }

    /** The API answers 401 without a bearer token, even to a signed-in browser's cookie, and 200 with one. */
    public void assertTheApiIsBearerOnly(String validBearerToken, String userWithTheRole) {
        assertEquals(401, new CodeFlowClient().get(api).statusCode());
        assertEquals(200, new CodeFlowClient().get(api, "Authorization", "Bearer " + validBearerToken).statusCode());
        CodeFlowClient browser = new CodeFlowClient();
        assertEquals(200, browser.signIn(page, userWithTheRole, "pw-" + userWithTheRole).statusCode());
        HttpResponse<String> cookieOnly = browser.get(api);
        assertEquals(401, cookieOnly.statusCode(), cookieOnly.body());
    }

    /** A signed-in user without the page's role gets 403 on the page and on its token endpoint. */
    public void assertRefusedWithoutTheRole(String userWithoutTheRole) {
        CodeFlowClient browser = new CodeFlowClient();
        HttpResponse<String> refused = browser.signIn(page, userWithoutTheRole, "pw-" + userWithoutTheRole);
        assertEquals(403, refused.statusCode(), refused.body());
        HttpResponse<String> token = browser.get(session);
        assertEquals(403, token.statusCode());
        assertFalse(token.body().contains("eyJ"), token.body());
    }

    /**
     * The role's session: the page itself, an HttpOnly, SameSite=Lax cookie on the page's path, a
     * never-cached access token of {@code subject} that the API accepts; logout ends the session and
     * sends the browser to the provider's end-session endpoint.
     */
    public void assertTheSessionGivesThePageATokenForTheApi(String userWithTheRole, String subject) {
        CodeFlowClient browser = new CodeFlowClient();
        HttpResponse<String> signedIn = browser.signIn(page, userWithTheRole, "pw-" + userWithTheRole);
        assertEquals(200, signedIn.statusCode());
        assertTrue(signedIn.body().contains(pageMarker), "the page itself");

        String setCookie = browser.history().stream().flatMap(r -> r.headers().allValues("Set-Cookie").stream())
                .filter(c -> c.startsWith("q_session=")).findFirst().orElse(null);
        assertNotNull(setCookie, "a session cookie");
        String attributes = setCookie.substring(setCookie.indexOf(';')).toLowerCase(Locale.ROOT);
        assertTrue(attributes.contains("httponly") && attributes.contains("samesite=lax")
                && attributes.contains("path=" + cookiePath + ";"), attributes);

        HttpResponse<String> token = browser.get(session);
        assertEquals(200, token.statusCode(), token.body());
        assertTrue(token.headers().firstValue("Cache-Control").orElse("").contains("no-store"));
        Map<?, ?> body = json(token.body());
        assertEquals(subject, body.get("subject"));
        assertEquals(200, new CodeFlowClient().get(api, "Authorization", "Bearer " + body.get("accessToken")).statusCode());

        HttpResponse<String> logout = browser.get(URI.create(page + "logout"));
        assertEquals(302, logout.statusCode());
        assertTrue(CodeFlowClient.location(logout).toString().startsWith(provider.url() + "/logout"),
                CodeFlowClient.location(logout).toString());
        assertEquals(302, browser.get(session).statusCode(), "signed out: the token endpoint redirects to the login again");
    }

    private static Map<?, ?> json(String body) {
        try {
            return JSON.readValue(body, Map.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
