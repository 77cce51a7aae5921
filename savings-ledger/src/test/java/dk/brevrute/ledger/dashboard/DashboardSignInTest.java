package dk.brevrute.ledger.dashboard;

import java.net.URL;
import java.util.List;
import java.util.UUID;

import dk.brevrute.ledger.LedgerTestSupport;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.OidcTestProvider;
import dk.brevrute.testinfra.PageSignIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's sign-in at the HTTP level, against the protocol-level OIDC provider: without a
 * session the page and its token endpoint redirect to the provider (no token leaks); a signed-in user
 * without the finance role gets 403; a finance user's session hands the page an access token that the
 * bearer-only API accepts, and the API itself still answers 401 without a bearer token (never a
 * redirect, never the cookie).
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
class DashboardSignInTest {

    static final OidcTestProvider provider = OidcTestProvider.start();

    @TestHTTPResource("/dashboard/")
    URL dashboard;

    @TestHTTPResource("/dashboard/session")
    URL session;

    @TestHTTPResource("/api/v1/ledger/revision")
    URL api;

    PageSignIn signIn() throws Exception {
        return new PageSignIn(provider, dashboard.toURI(), session.toURI(), api.toURI(), "/dashboard", "dashboard.js");
    }

    static String financeUser() {
        String user = "finn-" + UUID.randomUUID();
        provider.register(user, "pw-" + user, "finance-" + user, null, List.of("finance"));
        return user;
    }

    @Test
    void withoutASessionThePageRedirectsToTheProviderAndNoTokenLeaks() throws Exception {
        signIn().assertRedirectsToTheProviderWithoutASession(LedgerTestSupport.FINANCE);
    }

    @Test
    void theApiStaysBearerOnly() throws Exception {
        signIn().assertTheApiIsBearerOnly(LedgerTestSupport.FINANCE, financeUser());
    }

    @Test
    void aSignedInUserWithoutTheFinanceRoleIsRefused() throws Exception {
        String user = "sender-" + UUID.randomUUID();
        provider.register(user, "pw-" + user, "buf-caseworker", "BUF", List.of("sender", "caseworker"));
        signIn().assertRefusedWithoutTheRole(user);
    }

    @Test
    void aFinanceUsersSessionGivesThePageATokenForTheApi() throws Exception {
        String user = financeUser();
        signIn().assertTheSessionGivesThePageATokenForTheApi(user, "finance-" + user);
    }
}
