package dk.brevrute.testinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenID Connect provider at the protocol level, for tests of the browser pages' sign-in (the
 * authorization-code flow): a discovery document, a JWKS with the public key {@link Tokens} signs with,
 * an HTML login form at {@code /authorize} (username and password of users the test registers), a
 * {@code /token} endpoint that checks the client's id and secret, the redirect URI, PKCE and the code
 * (single use, one minute), and returns an ID token (with the request's {@code nonce}) and an access
 * token, both signed by the test JVM's {@link Tokens} key with its issuer, so the services' smallrye-jwt
 * verification accepts the access token as it accepts any test token. {@code /logout} redirects to the
 * {@code post_logout_redirect_uri}. Listens on 127.0.0.1 only and accepts redirect URIs on loopback only.
 *
 * <p>Started once per test JVM ({@link #start()}); Quarkus may load this class in more than one class
 * loader, so the running provider is found again through system properties and users are registered
 * over HTTP ({@code POST /test/users}).
 */
public final class OidcTestProvider {

    public static final String CLIENT_ID = "brevrute-pages";

    private static final String URL_PROPERTY = "brevrute.test.oidc.url";
    private static final String SECRET_PROPERTY = "brevrute.test.oidc.client-secret";
    private static final String KEY_ID = "brevrute-test";
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String url;
    private final String clientSecret;

    private OidcTestProvider(String url, String clientSecret) {
        this.url = url;
        this.clientSecret = clientSecret;
    }

    /** Starts the provider once per JVM (or finds the running one) and returns it. */
    public static OidcTestProvider start() {
        synchronized (System.class) {
            String url = System.getProperty(URL_PROPERTY);
            String secret = System.getProperty(SECRET_PROPERTY);
            if (url == null || secret == null) {
                secret = random(32);
                Tokens tokens = BrevruteInfrastructure.tokens();
                Server server = new Server(tokens.publicKeyFile(), tokens.publicKeyFile().resolveSibling(Tokens.PRIVATE_KEY_FILE), secret);
                url = server.start();
                System.setProperty(SECRET_PROPERTY, secret);
                System.setProperty(URL_PROPERTY, url);
            }
            return new OidcTestProvider(url, secret);
        }
    }

    /** The provider's base URL, which is also its {@code auth-server-url}: {@code http://127.0.0.1:<port>}. */
    public String url() {
        return url;
    }

    public String clientId() {
        return CLIENT_ID;
    }

    public String clientSecret() {
        return clientSecret;
    }

    /**
     * The keys Brevrute's page sign-in reads ({@code brevrute.oidc.*}, what the
     * {@code BREVRUTE_OIDC_*} environment variables set in production). Whether sign-in is enabled
     * stays the module's own {@code %test} configuration.
     */
    public Map<String, String> quarkusConfig() {
        return Map.of(
                "brevrute.oidc.auth-server-url", url,
                "brevrute.oidc.client-id", CLIENT_ID,
                "brevrute.oidc.client-secret", clientSecret);
    }

    /** Registers (or replaces) a user who can sign in with this password; its tokens carry these claims. */
    public void register(String username, String password, String subject, String department, List<String> roles) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", subject);
        if (department != null) {
            claims.put("department", department);
        }
        claims.put("groups", roles);
        register(username, password, claims);
    }

    /** Registers a user with any claims ({@code sub} required; e.g. a caseworker's {@code unit}). */
    public void register(String username, String password, Map<String, Object> claims) {
        if (!(claims.get("sub") instanceof String)) {
            throw new IllegalArgumentException("a user needs a sub claim");
        }
        try {
            byte[] body = JSON.writeValueAsBytes(Map.of("username", username, "password", password, "claims", claims));
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url + "/test/users"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 204) {
                throw new IllegalStateException("the OIDC test provider refused the user: " + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private record User(String password, Map<String, Object> claims) {
    }

    private record Grant(String redirectUri, String nonce, String challenge, String challengeMethod, String scope, User user,
            Instant expires) {
    }

    /** The server itself; one per JVM. */
    private static final class Server {

        private final Path publicKey;
        private final PrivateKey privateKey;
        private final String clientSecret;
        private final Map<String, User> users = new ConcurrentHashMap<>();
        private final Map<String, Grant> grants = new ConcurrentHashMap<>();
        private String base;

        Server(Path publicKey, Path privateKeyPem, String clientSecret) {
            this.publicKey = publicKey;
            this.clientSecret = clientSecret;
            try {
                String body = Files.readString(privateKeyPem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
                this.privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot read the token issuer's private key", e);
            }
        }

        /**
         * Signs like {@link Tokens#sign} (same key, same issuer, same standard claims) but names the key
         * ({@code kid}) in the header, as real providers do: quarkus-oidc picks the JWKS key by it.
         */
        private String sign(Map<String, Object> claims, Duration validFor) {
            Map<String, Object> all = new LinkedHashMap<>(claims);
            Instant now = Instant.now();
            all.put("iss", Tokens.ISSUER);
            all.put("iat", now.getEpochSecond());
            all.put("exp", now.plus(validFor).getEpochSecond());
            all.put("jti", UUID.randomUUID().toString());
            all.putIfAbsent("upn", all.get("sub"));
            try {
                String header = b64(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT", "kid", KEY_ID)));
                String payload = b64(JSON.writeValueAsBytes(all));
                Signature signature = Signature.getInstance("SHA256withRSA");
                signature.initSign(privateKey);
                signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
                return header + "." + payload + "." + b64(signature.sign());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot sign a token", e);
            }
        }

        private static String b64(byte[] bytes) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }

        String start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
                base = "http://127.0.0.1:" + server.getAddress().getPort();
                String jwks = jwks(publicKey);
                server.createContext("/.well-known/openid-configuration", ex -> handle(ex, () -> json(ex, 200, discovery())));
                server.createContext("/jwks", ex -> handle(ex, () -> send(ex, 200, "application/json", jwks)));
                server.createContext("/authorize", ex -> handle(ex, () -> authorize(ex)));
                server.createContext("/token", ex -> handle(ex, () -> token(ex)));
                server.createContext("/logout", ex -> handle(ex, () -> logout(ex)));
                server.createContext("/test/users", ex -> handle(ex, () -> addUser(ex)));
                ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
                    Thread t = new Thread(r, "oidc-test-provider");
                    t.setDaemon(true);
                    return t;
                });
                server.setExecutor(executor);
                // The dispatcher thread takes its daemon flag from the thread that starts the server: a
                // daemon, so the provider never keeps a finished test JVM alive.
                Thread starter = new Thread(server::start, "oidc-test-provider-start");
                starter.setDaemon(true);
                starter.start();
                starter.join();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "oidc-test-provider-stop"));
                return base;
            } catch (IOException e) {
                throw new UncheckedIOException("the OIDC test provider did not start", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private interface Handler {
            void run() throws IOException;
        }

        private static void handle(HttpExchange ex, Handler handler) {
            try (ex) {
                try {
                    handler.run();
                } catch (IllegalArgumentException e) {
                    send(ex, 400, "text/plain", "invalid request: " + e.getMessage());
                } catch (RuntimeException e) {
                    send(ex, 500, "text/plain", "internal error: " + e.getMessage());
                }
            } catch (IOException ignored) {
                // the client went away
            }
        }

        private Map<String, Object> discovery() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("issuer", Tokens.ISSUER);
            d.put("authorization_endpoint", base + "/authorize");
            d.put("token_endpoint", base + "/token");
            d.put("jwks_uri", base + "/jwks");
            d.put("end_session_endpoint", base + "/logout");
            d.put("response_types_supported", List.of("code"));
            d.put("subject_types_supported", List.of("public"));
            d.put("id_token_signing_alg_values_supported", List.of("RS256"));
            d.put("scopes_supported", List.of("openid", "profile", "email"));
            d.put("grant_types_supported", List.of("authorization_code"));
            d.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
            d.put("code_challenge_methods_supported", List.of("S256", "plain"));
            d.put("claims_supported", List.of("sub", "iss", "aud", "exp", "iat", "nonce", "groups", "department", "unit"));
            return d;
        }

        private static String jwks(Path publicKeyPem) {
            try {
                String body = Files.readString(publicKeyPem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
                RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
                Map<String, Object> jwk = new LinkedHashMap<>();
                jwk.put("kty", "RSA");
                jwk.put("use", "sig");
                jwk.put("alg", "RS256");
                jwk.put("kid", KEY_ID);
                jwk.put("n", unsigned(key.getModulus()));
                jwk.put("e", unsigned(key.getPublicExponent()));
                return JSON.writeValueAsString(Map.of("keys", List.of(jwk)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot read the token issuer's public key", e);
            }
        }

        private static String unsigned(BigInteger value) {
            byte[] bytes = value.toByteArray();
            if (bytes.length > 1 && bytes[0] == 0) {
                bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }

        // ---- /authorize: the login form and its submission

        private void authorize(HttpExchange ex) throws IOException {
            Map<String, String> p;
            if ("GET".equals(ex.getRequestMethod())) {
                p = query(ex.getRequestURI().getRawQuery());
            } else if ("POST".equals(ex.getRequestMethod())) {
                p = query(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            } else {
                send(ex, 405, "text/plain", "method not allowed");
                return;
            }
            String problem = checkAuthorizationRequest(p);
            if (problem != null) {
                // Never redirect to an unchecked redirect_uri: the error is shown here.
                send(ex, 400, "text/html; charset=utf-8", page("Invalid request", "<p id=\"error\">" + esc(problem) + "</p>"));
                return;
            }
            if ("GET".equals(ex.getRequestMethod())) {
                send(ex, 200, "text/html; charset=utf-8", loginForm(p, null));
                return;
            }
            User user = users.get(p.getOrDefault("username", ""));
            if (user == null || !MessageDigest.isEqual(user.password().getBytes(StandardCharsets.UTF_8),
                    p.getOrDefault("password", "").getBytes(StandardCharsets.UTF_8))) {
                send(ex, 200, "text/html; charset=utf-8", loginForm(p, "Wrong username or password."));
                return;
            }
            String code = random(24);
            grants.put(code, new Grant(p.get("redirect_uri"), p.get("nonce"), p.get("code_challenge"),
                    p.getOrDefault("code_challenge_method", "plain"), p.getOrDefault("scope", "openid"), user,
                    Instant.now().plus(CODE_LIFETIME)));
            String redirect = p.get("redirect_uri");
            StringBuilder location = new StringBuilder(redirect).append(redirect.contains("?") ? '&' : '?')
                    .append("code=").append(enc(code));
            if (p.get("state") != null) {
                location.append("&state=").append(enc(p.get("state")));
            }
            ex.getResponseHeaders().set("Location", location.toString());
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            ex.sendResponseHeaders(302, -1);
        }

        private static String checkAuthorizationRequest(Map<String, String> p) {
            if (!"code".equals(p.get("response_type"))) {
                return "response_type must be code";
            }
            if (!CLIENT_ID.equals(p.get("client_id"))) {
                return "unknown client_id";
            }
            if (!loopback(p.get("redirect_uri"))) {
                return "redirect_uri must be an http(s) URL on loopback";
            }
            String scope = p.getOrDefault("scope", "");
            if (!List.of(scope.split(" ")).contains("openid")) {
                return "scope must contain openid";
            }
            String method = p.get("code_challenge_method");
            if (method != null && !method.equals("S256") && !method.equals("plain")) {
                return "unsupported code_challenge_method";
            }
            return null;
        }

        private static boolean loopback(String uri) {
            if (uri == null) {
                return false;
            }
            try {
                URI u = URI.create(uri);
                return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null
                        && (u.getHost().equals("localhost") || InetAddress.getByName(u.getHost()).isLoopbackAddress())
                        && u.getFragment() == null;
            } catch (IllegalArgumentException | IOException e) {
                return false;
            }
        }

        private static String loginForm(Map<String, String> p, String error) {
            StringBuilder hidden = new StringBuilder();
            for (String name : List.of("response_type", "client_id", "redirect_uri", "scope", "state", "nonce",
                    "code_challenge", "code_challenge_method")) {
                if (p.get(name) != null) {
                    hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(esc(p.get(name)))
                            .append("\">\n");
                }
            }
            return page("Sign in", "<h1>Sign in to Brevrute</h1>\n"
                    + (error == null ? "" : "<p id=\"error\" role=\"alert\">" + esc(error) + "</p>\n")
                    + "<form id=\"login\" method=\"post\" action=\"/authorize\">\n" + hidden
                    + "<label for=\"username\">Username</label> <input id=\"username\" name=\"username\" autocomplete=\"username\" value=\""
                    + esc(error == null ? "" : p.getOrDefault("username", "")) + "\">\n"
                    + "<label for=\"password\">Password</label> <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\">\n"
                    + "<button id=\"submit\" type=\"submit\">Sign in</button>\n</form>");
        }

        private static String page(String title, String body) {
            return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                    + " · OIDC test provider</title></head>\n<body>\n" + body + "\n</body></html>\n";
        }

        // ---- /token: the code for tokens

        private void token(HttpExchange ex) throws IOException {
            if (!"POST".equals(ex.getRequestMethod())) {
                send(ex, 405, "text/plain", "method not allowed");
                return;
            }
            Map<String, String> p = query(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String clientId = p.get("client_id");
            String secret = p.get("client_secret");
            String basic = ex.getRequestHeaders().getFirst("Authorization");
            if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
                String decoded = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    clientId = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
                    secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
                }
            }
            if (!CLIENT_ID.equals(clientId) || secret == null
                    || !MessageDigest.isEqual(clientSecret.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"oidc-test-provider\"");
                json(ex, 401, Map.of("error", "invalid_client"));
                return;
            }
            if (!"authorization_code".equals(p.get("grant_type"))) {
                json(ex, 400, Map.of("error", "unsupported_grant_type"));
                return;
            }
            Grant grant = p.get("code") == null ? null : grants.remove(p.get("code"));
            if (grant == null || grant.expires().isBefore(Instant.now())) {
                json(ex, 400, Map.of("error", "invalid_grant", "error_description", "unknown, used or expired code"));
                return;
            }
            if (!grant.redirectUri().equals(p.get("redirect_uri"))) {
                json(ex, 400, Map.of("error", "invalid_grant", "error_description", "redirect_uri differs from the authorization request"));
                return;
            }
            if (grant.challenge() != null && !pkceMatches(grant, p.get("code_verifier"))) {
                json(ex, 400, Map.of("error", "invalid_grant", "error_description", "code_verifier does not match the code_challenge"));
                return;
            }
            Map<String, Object> claims = grant.user().claims();
            Map<String, Object> id = new LinkedHashMap<>(claims);
            id.put("aud", CLIENT_ID);
            id.put("azp", CLIENT_ID);
            id.put("auth_time", Instant.now().getEpochSecond());
            if (grant.nonce() != null) {
                id.put("nonce", grant.nonce());
            }
            Map<String, Object> access = new LinkedHashMap<>(claims);
            access.put("azp", CLIENT_ID);
            access.put("scope", grant.scope());
            Duration lifetime = Duration.ofHours(1);
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("access_token", sign(access, lifetime));
            response.put("id_token", sign(id, lifetime));
            response.put("token_type", "Bearer");
            response.put("expires_in", lifetime.toSeconds());
            response.put("scope", grant.scope());
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            json(ex, 200, response);
        }

        private static boolean pkceMatches(Grant grant, String verifier) {
            if (verifier == null) {
                return false;
            }
            if ("plain".equals(grant.challengeMethod())) {
                return grant.challenge().equals(verifier);
            }
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return grant.challenge().equals(Base64.getUrlEncoder().withoutPadding().encodeToString(hash));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        // ---- /logout (RP-initiated logout) and the test's user registry

        private void logout(HttpExchange ex) throws IOException {
            Map<String, String> p = query(ex.getRequestURI().getRawQuery());
            String target = p.get("post_logout_redirect_uri");
            if (target == null) {
                send(ex, 200, "text/html; charset=utf-8", page("Signed out", "<p id=\"signed-out\">You are signed out.</p>"));
                return;
            }
            if (!loopback(target)) {
                send(ex, 400, "text/html; charset=utf-8", page("Invalid request", "<p id=\"error\">post_logout_redirect_uri must be on loopback</p>"));
                return;
            }
            String location = p.get("state") == null ? target
                    : target + (target.contains("?") ? '&' : '?') + "state=" + enc(p.get("state"));
            ex.getResponseHeaders().set("Location", location);
            ex.sendResponseHeaders(302, -1);
        }

        private void addUser(HttpExchange ex) throws IOException {
            if (!"POST".equals(ex.getRequestMethod())) {
                send(ex, 405, "text/plain", "method not allowed");
                return;
            }
            try (InputStream in = ex.getRequestBody()) {
                Map<String, Object> body = JSON.readValue(in, new TypeReference<Map<String, Object>>() { });
                @SuppressWarnings("unchecked")
                Map<String, Object> claims = (Map<String, Object>) body.get("claims");
                users.put((String) body.get("username"), new User((String) body.get("password"), Map.copyOf(claims)));
            }
            ex.sendResponseHeaders(204, -1);
        }

        // ---- helpers

        private static Map<String, String> query(String raw) {
            Map<String, String> params = new LinkedHashMap<>();
            if (raw == null || raw.isEmpty()) {
                return params;
            }
            List<String> seen = new ArrayList<>();
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (seen.contains(name)) {
                    throw new IllegalArgumentException("repeated parameter " + name);
                }
                seen.add(name);
                params.put(name, value);
            }
            return params;
        }

        private static void json(HttpExchange ex, int status, Object body) throws IOException {
            send(ex, status, "application/json", JSON.writeValueAsString(body));
        }

        private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }

        private static String esc(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
        }
    }
}
