package dk.brevrute.intake.printer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Answers a print request without credentials with 401 and the Basic challenge before its document
 * is read. IPP clients (CUPS among them) send the attributes with {@code Expect: 100-continue} and
 * wait for this answer before they send the document, then retry with credentials; so a document is
 * not uploaded twice. Requests with credentials are checked fully by {@link Printer}.
 */
@ApplicationScoped
class PrinterChallenge {

    void install(@Observes Router router) {
        router.post("/ipp/print/*").order(-1000).handler(ctx -> {
            String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", Printer.REALM)
                        .putHeader(HttpHeaders.CONNECTION, "close").putHeader(HttpHeaders.CONTENT_LENGTH, "0").end();
                return;
            }
            ctx.next();
        });
    }
}
