package dk.brevrute.kit.observability;

import java.util.HashMap;
import java.util.Map;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * A W3C trace context ({@code traceparent}, optional {@code tracestate}) as text, so it can wait in a
 * table (the outbox, a delivery queue) and be continued later: one trace per letter across every hop.
 */
public record TraceContext(String traceparent, String tracestate) {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    /** The context of the current span, or null when there is none (tracing off, no request or record). */
    public static TraceContext current() {
        return of(Context.current());
    }

    /** The given context as text, or null when it holds no valid span. */
    public static TraceContext of(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(context, carrier, (c, k, v) -> c.put(k, v));
        String parent = carrier.get(TRACEPARENT);
        return parent == null ? null : new TraceContext(parent, blankToNull(carrier.get(TRACESTATE)));
    }

    /** Null-safe: null or blank {@code traceparent} gives null. */
    public static TraceContext of(String traceparent, String tracestate) {
        return traceparent == null || traceparent.isBlank() ? null : new TraceContext(traceparent, blankToNull(tracestate));
    }

    /** This context as the parent of new spans (a remote parent); the root context if it does not parse. */
    public Context toContext() {
        Map<String, String> carrier = new HashMap<>(2);
        carrier.put(TRACEPARENT, traceparent);
        if (tracestate != null) {
            carrier.put(TRACESTATE, tracestate);
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), carrier, GETTER);
    }

    /** The 32-hex-digit trace id, or null if {@code traceparent} is malformed. */
    public String traceId() {
        String[] parts = traceparent.split("-");
        return parts.length >= 4 && parts[1].length() == 32 ? parts[1] : null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
