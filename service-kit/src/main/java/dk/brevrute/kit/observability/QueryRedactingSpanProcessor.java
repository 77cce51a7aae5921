package dk.brevrute.kit.observability;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Outbound URLs lose their query string in spans: SF1601's PostForespoerg puts the CPR number in the
 * query ({@code ?cprNumber=...}), and the REST client's spans record the full URL at start. Quarkus
 * registers every {@link SpanProcessor} bean with the tracer provider.
 */
@ApplicationScoped
public class QueryRedactingSpanProcessor implements SpanProcessor {

    static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
    static final AttributeKey<String> HTTP_URL = AttributeKey.stringKey("http.url");
    static final AttributeKey<String> URL_QUERY = AttributeKey.stringKey("url.query");

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        redact(span, URL_FULL);
        redact(span, HTTP_URL);
        if (span.getAttribute(URL_QUERY) != null) {
            span.setAttribute(URL_QUERY, "REDACTED");
        }
    }

    private static void redact(ReadWriteSpan span, AttributeKey<String> key) {
        String url = span.getAttribute(key);
        if (url != null) {
            String safe = withoutQuery(url);
            if (!safe.equals(url)) {
                span.setAttribute(key, safe);
            }
        }
    }

    /** The URL up to its query string, with {@code ?REDACTED} in place of the query when there was one. */
    static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?REDACTED";
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }
}
