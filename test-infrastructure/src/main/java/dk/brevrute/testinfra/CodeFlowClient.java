package dk.brevrute.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a browser, for HTTP-level tests of a page's OIDC sign-in against
 * {@link OidcTestProvider}: keeps cookies, follows no redirect by itself, and {@link #signIn} walks the
 * authorization-code flow step by step (page, provider's form, form post, back to the page) so each
 * step's status and headers can be asserted.
 */
public final class CodeFlowClient {

    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<HttpResponse<String>> history = new java.util.concurrent.CopyOnWriteArrayList<>();

    public HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).header("Accept", "text/html,application/json").GET().build());
    }

    /** GET with a header (e.g. {@code Authorization}) and the cookies this client holds. */
    public HttpResponse<String> get(URI uri, String header, String value) {
        return send(HttpRequest.newBuilder(uri).header(header, value).GET().build());
    }

    public HttpResponse<String> postForm(URI uri, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /**
     * Opens {@code page}, expects the redirect to the provider, submits its form with the credentials
     * and follows the redirects back on the page's origin; returns the last response (the page, or the
     * application's refusal).
     */
    public HttpResponse<String> signIn(URI page, String username, String password) {
        HttpResponse<String> toProvider = get(page);
        URI authorize = location(toProvider);
        HttpResponse<String> form = get(authorize);
        if (form.statusCode() != 200) {
            throw new IllegalStateException("the provider did not show its form: " + form.statusCode() + " " + form.body());
        }
        Map<String, String> fields = new LinkedHashMap<>(hiddenFields(form.body()));
        fields.put("username", username);
        fields.put("password", password);
        HttpResponse<String> back = postForm(authorize.resolve("/authorize"), fields);
        URI next = location(back);
        HttpResponse<String> response = get(next);
        for (int hops = 0; response.statusCode() == 302 && hops < 5; hops++) {
            URI target = location(response);
            if (!sameOrigin(target, page)) {
                return response;
            }
            response = get(target);
        }
        return response;
    }

    /** The named cookie this client holds for {@code uri}, or null. */
    public HttpCookie cookie(URI uri, String name) {
        return cookies.getCookieStore().get(uri).stream().filter(c -> c.getName().equals(name)).findFirst().orElse(null);
    }

    public List<HttpCookie> cookies(URI uri) {
        return cookies.getCookieStore().get(uri);
    }

    /** Every response this client received, in order (e.g. to read a {@code Set-Cookie} header of one step). */
    public List<HttpResponse<String>> history() {
        return List.copyOf(history);
    }

    public static URI location(HttpResponse<?> response) {
        if (response.statusCode() != 302 && response.statusCode() != 303) {
            throw new IllegalStateException("expected a redirect, got " + response.statusCode() + " from " + response.uri() + ": " + response.body());
        }
        return response.uri().resolve(response.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("a redirect without Location from " + response.uri())));
    }

    static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(html);
        while (m.find()) {
            fields.put(m.group(1), m.group(2).replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                    .replace("&amp;", "&"));
        }
        return fields;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equals(b.getScheme()) && a.getHost().equals(b.getHost()) && a.getPort() == b.getPort();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            history.add(response);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
