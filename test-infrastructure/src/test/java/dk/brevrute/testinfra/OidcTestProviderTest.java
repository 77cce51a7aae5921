package dk.brevrute.testinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The provider over HTTP, the way a relying party (quarkus-oidc) and a browser use it. */
class OidcTestProviderTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static final OidcTestProvider provider = OidcTestProvider.start();
    static final String REDIRECT = "http://localhost:8085/dashboard/";

    @Test
    void discoveryAndKeysMatchTheTokenIssuer() throws Exception {
        assertEquals(provider.url(), OidcTestProvider.start().url(), "once per JVM");
        assertEquals(provider.clientSecret(), OidcTestProvider.start().clientSecret());
        Map<?, ?> discovery = JSON.readValue(get("/.well-known/openid-configuration").body(), Map.class);
        assertEquals(Tokens.ISSUER, discovery.get("issuer"));
        assertEquals(provider.url() + "/authorize", discovery.get("authorization_endpoint"));
        assertEquals(provider.url() + "/token", discovery.get("token_endpoint"));
        assertEquals(provider.url() + "/logout", discovery.get("end_session_endpoint"));

        // A token from the test JVM's Tokens verifies with the published key: the same key pair.
        String token = BrevruteInfrastructure.tokens().issue("someone", "BUF", List.of("finance"));
        assertTrue(verifies(token, jwksKey()));
    }

    @Test
    void aUserSignsInWithTheFormAndTheClientExchangesTheCodeWithPkce() throws Exception {
        String user = "finn-" + UUID.randomUUID();
        provider.register(user, "s3cret-pw", Map.of("sub", "finance-person", "department", "OKF", "groups", List.of("finance")));
        String verifier = "verifier-" + UUID.randomUUID() + UUID.randomUUID();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        Map<String, String> request = new LinkedHashMap<>();
        request.put("response_type", "code");
        request.put("client_id", OidcTestProvider.CLIENT_ID);
        request.put("redirect_uri", REDIRECT);
        request.put("scope", "openid profile");
        request.put("state", "st-1");
        request.put("nonce", "n-1");
        request.put("code_challenge", challenge);
        request.put("code_challenge_method", "S256");

        HttpResponse<String> form = get("/authorize?" + form(request));
        assertEquals(200, form.statusCode());
        assertTrue(form.body().contains("name=\"username\"") && form.body().contains("type=\"password\""), form.body());
        assertTrue(form.body().contains("value=\"n-1\""), "the request travels in the form");

        Map<String, String> wrong = new LinkedHashMap<>(request);
        wrong.put("username", user);
        wrong.put("password", "guess");
        HttpResponse<String> again = post("/authorize", form(wrong), null);
        assertEquals(200, again.statusCode());
        assertTrue(again.body().contains("Wrong username or password"), again.body());

        Map<String, String> right = new LinkedHashMap<>(request);
        right.put("username", user);
        right.put("password", "s3cret-pw");
        HttpResponse<String> redirect = post("/authorize", form(right), null);
        assertEquals(302, redirect.statusCode());
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(REDIRECT + "?code="), location);
        assertTrue(location.endsWith("&state=st-1"), location);
        String code = param(location, "code");

        String basic = "Basic " + Base64.getEncoder().encodeToString((OidcTestProvider.CLIENT_ID + ":" + provider.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        String wrongSecret = "Basic " + Base64.getEncoder().encodeToString((OidcTestProvider.CLIENT_ID + ":nope").getBytes(StandardCharsets.UTF_8));
        Map<String, String> exchange = new LinkedHashMap<>();
        exchange.put("grant_type", "authorization_code");
        exchange.put("code", code);
        exchange.put("redirect_uri", REDIRECT);
        exchange.put("code_verifier", verifier);
        assertEquals(401, post("/token", form(exchange), wrongSecret).statusCode(), "the client secret is checked");

        Map<String, String> otherRedirect = new LinkedHashMap<>(exchange);
        otherRedirect.put("redirect_uri", "http://localhost:9999/elsewhere");
        assertEquals(400, post("/token", form(otherRedirect), basic).statusCode(), "the redirect URI must match");
        // A refused exchange used the code up: sign in again for the real exchange.
        code = param(post("/authorize", form(right), null).headers().firstValue("Location").orElseThrow(), "code");
        exchange.put("code", code);
        Map<String, String> badVerifier = new LinkedHashMap<>(exchange);
        badVerifier.put("code_verifier", "not-the-verifier-" + UUID.randomUUID());
        assertEquals(400, post("/token", form(badVerifier), basic).statusCode(), "PKCE is checked");

        code = param(post("/authorize", form(right), null).headers().firstValue("Location").orElseThrow(), "code");
        exchange.put("code", code);
        HttpResponse<String> tokens = post("/token", form(exchange), basic);
        assertEquals(200, tokens.statusCode(), tokens.body());
        assertEquals("no-store", tokens.headers().firstValue("Cache-Control").orElse(null));
        Map<?, ?> body = JSON.readValue(tokens.body(), Map.class);
        Map<?, ?> id = claims((String) body.get("id_token"));
        Map<?, ?> access = claims((String) body.get("access_token"));
        assertEquals(Tokens.ISSUER, id.get("iss"));
        assertEquals(OidcTestProvider.CLIENT_ID, id.get("aud"));
        assertEquals("n-1", id.get("nonce"));
        assertEquals("finance-person", id.get("sub"));
        assertEquals(Tokens.ISSUER, access.get("iss"));
        assertEquals(List.of("finance"), access.get("groups"));
        assertEquals("OKF", access.get("department"));
        assertEquals("brevrute-test", JSON.readValue(Base64.getUrlDecoder().decode(((String) body.get("id_token")).split("\\.")[0]), Map.class)
                .get("kid"), "the key is named, so a relying party finds it in the JWKS");
        PublicKey key = jwksKey();
        assertTrue(verifies((String) body.get("id_token"), key) && verifies((String) body.get("access_token"), key));

        assertEquals(400, post("/token", form(exchange), basic).statusCode(), "a code is used once");
    }

    @Test
    void refusesForeignClientsAndRedirectUris() throws Exception {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("response_type", "code");
        request.put("client_id", "someone-else");
        request.put("redirect_uri", REDIRECT);
        request.put("scope", "openid");
        assertEquals(400, get("/authorize?" + form(request)).statusCode());
        request.put("client_id", OidcTestProvider.CLIENT_ID);
        request.put("redirect_uri", "https://attacker.example/cb");
        HttpResponse<String> refused = get("/authorize?" + form(request));
        assertEquals(400, refused.statusCode());
        assertFalse(refused.headers().firstValue("Location").isPresent(), "no redirect to an unchecked URI");

        HttpResponse<String> logout = get("/logout?post_logout_redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8));
        assertEquals(302, logout.statusCode());
        assertEquals(REDIRECT, logout.headers().firstValue("Location").orElseThrow());
    }

    static PublicKey jwksKey() throws Exception {
        Map<?, ?> jwks = JSON.readValue(get("/jwks").body(), Map.class);
        List<?> keys = (List<?>) jwks.get("keys");
        assertEquals(1, keys.size());
        Map<?, ?> jwk = (Map<?, ?>) keys.get(0);
        assertNotNull(jwk.get("kid"));
        BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode((String) jwk.get("n")));
        BigInteger e = new BigInteger(1, Base64.getUrlDecoder().decode((String) jwk.get("e")));
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
    }

    static boolean verifies(String jwt, PublicKey key) throws Exception {
        String[] parts = jwt.split("\\.");
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(key);
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
    }

    static Map<?, ?> claims(String jwt) throws Exception {
        return JSON.readValue(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), Map.class);
    }

    static String param(String uri, String name) {
        Matcher m = Pattern.compile("[?&]" + name + "=([^&]+)").matcher(uri);
        assertTrue(m.find(), uri);
        return m.group(1);
    }

    static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(provider.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String body, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(provider.url() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
