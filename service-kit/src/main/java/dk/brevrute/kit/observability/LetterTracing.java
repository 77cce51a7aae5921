package dk.brevrute.kit.observability;

import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.jboss.logging.MDC;

/**
 * Continues a letter's trace in work that left the request or record it came from (a delivery
 * worker, a print batch): the stored {@link TraceContext} becomes the parent of a new span, and the
 * letter id goes into the log MDC for the duration. Outbox rows appended inside carry this trace.
 */
@ApplicationScoped
public class LetterTracing {

    public static final String MDC_LETTER_ID = "letterId";
    public static final String MDC_EVENT_ID = "eventId";

    private final Tracer tracer;

    LetterTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Runs {@code work} in a new span named {@code name}, child of {@code parent} (or a new trace if null). */
    public <T> T inSpan(String name, TraceContext parent, UUID letterId, Supplier<T> work) {
        Context parentContext = parent == null ? Context.current() : parent.toContext();
        Span span = tracer.spanBuilder(name).setParent(parentContext).setSpanKind(SpanKind.INTERNAL).startSpan();
        if (letterId != null) {
            span.setAttribute("brevrute.letter_id", letterId.toString());
        }
        Object previousLetter = MDC.get(MDC_LETTER_ID);
        if (letterId != null) {
            MDC.put(MDC_LETTER_ID, letterId.toString());
        }
        try (Scope ignored = span.makeCurrent()) {
            return work.get();
        } catch (RuntimeException | Error e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
            restore(MDC_LETTER_ID, previousLetter);
        }
    }

    /** As {@link #inSpan(String, TraceContext, UUID, Supplier)}, without a result. */
    public void runInSpan(String name, TraceContext parent, UUID letterId, Runnable work) {
        inSpan(name, parent, letterId, () -> {
            work.run();
            return null;
        });
    }

    static void restore(String key, Object previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
