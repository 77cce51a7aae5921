package dk.brevrute.intake.unit;

import java.net.URI;
import java.util.Optional;

/**
 * Where a unit's print queue is: {@code ipp://<host>:<port>/ipp/print/<unit>} (IPP over plain HTTP on
 * the service port), or under {@code intake.printer.public-uri} (e.g. {@code ipps://print.example.dk}
 * behind the TLS ingress) when configured.
 */
public final class QueueUris {

    public static final String PATH = "/ipp/print/";

    private QueueUris() {
    }

    /** The printer URIs' base: the configured public URI, else ipp:// and the authority the client used. */
    public static String base(Optional<String> publicUri, URI requestUri, String hostHeader) {
        if (publicUri.isPresent() && !publicUri.get().isBlank()) {
            String p = publicUri.get().strip();
            return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
        }
        String authority = hostHeader != null && !hostHeader.isBlank() ? hostHeader.strip() : requestUri.getRawAuthority();
        return "ipp://" + authority;
    }

    public static String printerUri(String base, String unit) {
        return base + PATH + unit;
    }
}
