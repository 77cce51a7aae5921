package dk.brevrute.eboks.sf1601;

import java.util.Optional;

/**
 * Where the SF1601 access token comes from. The default is a static token from configuration
 * ({@code GATEWAY_SF1601_TOKEN}); a deployment that fetches tokens from Serviceplatformen's STS
 * provides its own bean of this type, which then replaces the default.
 */
public interface Sf1601TokenSource {

    /** The current bearer token, or empty to send no {@code Authorization} header. */
    Optional<String> bearerToken();
}
