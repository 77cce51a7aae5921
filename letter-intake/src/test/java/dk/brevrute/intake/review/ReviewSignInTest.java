package dk.brevrute.intake.review;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.brevrute.intake.printer.PrinterTestSupport;
import dk.brevrute.intake.printer.PrinterTestSupport.TestUnit;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.CodeFlowClient;
import dk.brevrute.testinfra.OidcTestProvider;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The review page's sign-in at the HTTP level, against the protocol-level OIDC provider: without a
 * session the page and its token endpoint redirect to the provider (no token leaks); a signed-in user
 * without the caseworker role gets 403; a caseworker's session hands the page an access token that the
 * bearer-only review API accepts, and the API itself still answers 401 without a bearer token (never a
 * redirect, never the cookie).
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
class ReviewSignInTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final OidcTestProvider provider = OidcTestProvider.start();

    @TestHTTPResource("/review/")
    URL reviewPage;

    @TestHTTPResource("/review/session")
    URL session;

    @TestHTTPResource("/api/v1/review")
    URL api;

    static void registerCaseworker(String user, TestUnit unit) {
        provider.register(user, "pw-" + user, Map.of("sub", "caseworker-" + unit.id(), "department", unit.department(),
                "unit", unit.id(), "groups", List.of("caseworker")));
    }

    @Test
    void withoutASessionThePageRedirectsToTheProviderAndNoTokenLeaks() throws Exception {
        CodeFlowClient browser = new CodeFlowClient();
        HttpResponse<String> page = browser.get(reviewPage.toURI());
        assertEquals(302, page.statusCode());
        URI login = CodeFlowClient.location(page);
        assertTrue(login.toString().startsWith(provider.url() + "/authorize?"), login.toString());
        String query = login.getRawQuery();
        assertTrue(query.contains("client_id=" + OidcTestProvider.CLIENT_ID) && query.contains("response_type=code")
                && query.contains("code_challenge=") && query.contains("nonce=") && query.contains("state="), query);

        HttpResponse<String> token = new CodeFlowClient().get(session.toURI());
        assertEquals(302, token.statusCode(), "the token endpoint is behind the sign-in too");
        assertTrue(CodeFlowClient.location(token).toString().startsWith(provider.url() + "/authorize?"));
        assertFalse(token.body().contains("accessToken") || token.body().contains("eyJ"), token.body());

        // A bearer token does not open the page: the page takes the provider's session only.
        HttpResponse<String> withBearer = new CodeFlowClient().get(session.toURI(), "Authorization",
                "Bearer " + PrinterTestSupport.caseworker("BUF", "no-such-unit"));
        assertEquals(302, withBearer.statusCode());
        assertFalse(withBearer.body().contains("eyJ"));
    }

    @Test
    void theApiStaysBearerOnly() throws Exception {
        given().redirects().follow(false).get(api).then().statusCode(401);
        TestUnit unit = PrinterTestSupport.unit("BUF", "signin");
        given().redirects().follow(false).auth().oauth2(PrinterTestSupport.caseworker("BUF", unit.id())).get(api).then().statusCode(200);

        // Even with a caseworker's session cookie, the API wants the bearer token.
        String user = "cw-" + UUID.randomUUID();
        registerCaseworker(user, unit);
        CodeFlowClient browser = new CodeFlowClient();
        assertEquals(200, browser.signIn(reviewPage.toURI(), user, "pw-" + user).statusCode());
        HttpResponse<String> apiWithCookieOnly = browser.get(api.toURI());
        assertEquals(401, apiWithCookieOnly.statusCode(), apiWithCookieOnly.body());
    }

    @Test
    void aSignedInUserWithoutTheCaseworkerRoleIsRefused() throws Exception {
        String user = "finance-" + UUID.randomUUID();
        provider.register(user, "pw-" + user, "finance-person", "BUF", List.of("finance", "sender"));
        CodeFlowClient browser = new CodeFlowClient();
        HttpResponse<String> page = browser.signIn(reviewPage.toURI(), user, "pw-" + user);
        assertEquals(403, page.statusCode(), page.body());
        HttpResponse<String> token = browser.get(session.toURI());
        assertEquals(403, token.statusCode());
        assertFalse(token.body().contains("eyJ"), token.body());
    }

    @Test
    void aCaseworkersSessionGivesThePageATokenForTheApi() throws Exception {
        TestUnit unit = PrinterTestSupport.unit("BUF", "signin");
        String user = "cw-" + UUID.randomUUID();
        registerCaseworker(user, unit);
        CodeFlowClient browser = new CodeFlowClient();
        HttpResponse<String> page = browser.signIn(reviewPage.toURI(), user, "pw-" + user);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("review.js"), "the review page itself");

        String setCookie = browser.history().stream().flatMap(r -> r.headers().allValues("Set-Cookie").stream())
                .filter(c -> c.startsWith("q_session=")).findFirst().orElse(null);
        assertNotNull(setCookie, "a session cookie");
        String attributes = setCookie.substring(setCookie.indexOf(';')).toLowerCase(java.util.Locale.ROOT);
        assertTrue(attributes.contains("httponly") && attributes.contains("samesite=lax") && attributes.contains("path=/review;"), attributes);

        HttpResponse<String> token = browser.get(session.toURI());
        assertEquals(200, token.statusCode(), token.body());
        assertTrue(token.headers().firstValue("Cache-Control").orElse("").contains("no-store"));
        Map<?, ?> body = JSON.readValue(token.body(), Map.class);
        String accessToken = (String) body.get("accessToken");
        assertEquals("caseworker-" + unit.id(), body.get("subject"));
        given().auth().oauth2(accessToken).get(api).then().statusCode(200);

        // Logout ends the session here and sends the browser to the provider's end-session endpoint.
        HttpResponse<String> logout = browser.get(URI.create(reviewPage + "logout"));
        assertEquals(302, logout.statusCode());
        assertTrue(CodeFlowClient.location(logout).toString().startsWith(provider.url() + "/logout"), CodeFlowClient.location(logout).toString());
        assertEquals(302, browser.get(session.toURI()).statusCode(), "signed out: the token endpoint redirects to the login again");
    }
}
