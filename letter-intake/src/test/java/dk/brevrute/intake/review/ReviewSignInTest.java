package dk.brevrute.intake.review;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dk.brevrute.intake.printer.PrinterTestSupport;
import dk.brevrute.intake.printer.PrinterTestSupport.TestUnit;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.OidcTestProvider;
import dk.brevrute.testinfra.PageSignIn;
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

    static final OidcTestProvider provider = OidcTestProvider.start();

    @TestHTTPResource("/review/")
    URL reviewPage;

    @TestHTTPResource("/review/session")
    URL session;

    @TestHTTPResource("/api/v1/review")
    URL api;

    PageSignIn signIn() throws Exception {
        return new PageSignIn(provider, reviewPage.toURI(), session.toURI(), api.toURI(), "/review", "review.js");
    }

    static String caseworker(TestUnit unit) {
        String user = "cw-" + UUID.randomUUID();
        provider.register(user, "pw-" + user, Map.of("sub", "caseworker-" + unit.id(), "department", unit.department(),
                "unit", unit.id(), "groups", List.of("caseworker")));
        return user;
    }

    @Test
    void withoutASessionThePageRedirectsToTheProviderAndNoTokenLeaks() throws Exception {
        signIn().assertRedirectsToTheProviderWithoutASession(PrinterTestSupport.caseworker("BUF", "no-such-unit"));
    }

    @Test
    void theApiStaysBearerOnly() throws Exception {
        TestUnit unit = PrinterTestSupport.unit("BUF", "signin");
        signIn().assertTheApiIsBearerOnly(PrinterTestSupport.caseworker("BUF", unit.id()), caseworker(unit));
    }

    @Test
    void aSignedInUserWithoutTheCaseworkerRoleIsRefused() throws Exception {
        String user = "finance-" + UUID.randomUUID();
        provider.register(user, "pw-" + user, "finance-person", "BUF", List.of("finance", "sender"));
        signIn().assertRefusedWithoutTheRole(user);
    }

    @Test
    void aCaseworkersSessionGivesThePageATokenForTheApi() throws Exception {
        TestUnit unit = PrinterTestSupport.unit("BUF", "signin");
        signIn().assertTheSessionGivesThePageATokenForTheApi(caseworker(unit), "caseworker-" + unit.id());
    }
}
