package dk.brevrute.kit.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The bearer tokens this service verified a moment ago. The services call each other with the same
 * service token for every letter (a document fetch, an SF1601 receipt), and smallrye-jwt checks the
 * token's RSA signature, issuer and times each time: a few percent of letter-intake's CPU in the
 * benchmark. A token whose exact text passed that check is taken as verified again until the
 * earlier of its {@code exp} and {@code brevrute.jwt.verified-tokens.max-age} after the check; then,
 * and for every token not seen, smallrye-jwt checks it again.
 *
 * <p>Only verifications that passed are kept, and the same text cannot carry another signature or
 * other claims, so a hit accepts only what smallrye-jwt accepted. What can change meanwhile bounds
 * {@code max-age}: a verification key taken out of use, or a token age limit
 * ({@code mp.jwt.verify.token.age}), takes effect on a token already seen up to {@code max-age}
 * later. At most {@code max-entries} tokens are kept; when full, a new token is verified every time
 * until one of those kept runs out. {@code max-age} 0 turns this off.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    private record Verified(JsonWebToken token, long untilMillis) {
    }

    private final JWTParser parser;
    private final Clock clock;
    private final long maxAgeMillis;
    private final int maxEntries;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    @Inject
    VerifiedTokens(DefaultJWTParser parser,
            @ConfigProperty(name = "brevrute.jwt.verified-tokens.max-age", defaultValue = "PT30S") Duration maxAge,
            @ConfigProperty(name = "brevrute.jwt.verified-tokens.max-entries", defaultValue = "1000") int maxEntries) {
        this(parser, Clock.systemUTC(), maxAge, maxEntries);
    }

    VerifiedTokens(JWTParser parser, Clock clock, Duration maxAge, int maxEntries) {
        this.parser = parser;
        this.clock = clock;
        this.maxAgeMillis = Math.max(0, maxAge.toMillis());
        this.maxEntries = maxEntries;
    }

    /** Verifies {@code token} with the service's configuration, or takes it as verified a moment ago. */
    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = clock.millis();
        Verified hit = verified.get(token);
        if (hit != null) {
            if (now < hit.untilMillis()) {
                return hit.token();
            }
            verified.remove(token, hit);
        }
        JsonWebToken jwt = parser.parse(token);
        remember(token, jwt, now);
        return jwt;
    }

    /** How many verified tokens are kept (for tests). */
    int size() {
        return verified.size();
    }

    private void remember(String token, JsonWebToken jwt, long now) {
        if (maxAgeMillis == 0 || maxEntries <= 0) {
            return;
        }
        long until = now + maxAgeMillis;
        if (jwt.getExpirationTime() > 0) {
            until = Math.min(until, jwt.getExpirationTime() * 1000);
        }
        if (until <= now) {
            return;
        }
        if (verified.size() >= maxEntries) {
            verified.values().removeIf(v -> v.untilMillis() <= now);
            if (verified.size() >= maxEntries) {
                return;
            }
        }
        verified.put(token, new Verified(jwt, until));
    }

    // Verification with another configuration or key than the service's own is never taken from here.

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return parser.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return parser.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return parser.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return parser.parseOnly(token);
    }
}
