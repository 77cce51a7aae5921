package dk.brevrute.kit.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        private Instant now = T0;

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** A token with the claims smallrye-jwt would have read from it. */
    private record Token(String name, Map<String, Object> claims) implements JsonWebToken {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public Set<String> getClaimNames() {
            return claims.keySet();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claimName) {
            return (T) claims.get(claimName);
        }
    }

    /** smallrye-jwt's parser as far as this class uses it: it verifies tokens it knows and counts each verification. */
    private static final class Verifier extends DefaultJWTParser {
        final List<String> verified = new ArrayList<>();
        final Set<String> rejected = new HashSet<>();
        final TestClock clock;

        Verifier(TestClock clock) {
            this.clock = clock;
        }

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            verified.add(token);
            long exp = Long.parseLong(token.substring(token.indexOf('@') + 1));
            if (rejected.contains(token) || clock.millis() >= exp * 1000) {
                throw new ParseException("token rejected");
            }
            return new Token(token.substring(0, token.indexOf('@')), Map.of("exp", exp));
        }
    }

    private final TestClock clock = new TestClock();
    private final Verifier verifier = new Verifier(clock);

    /** A token text for {@code subject} that expires {@code in} from T0. */
    private static String token(String subject, Duration in) {
        return subject + "@" + T0.plus(in).getEpochSecond();
    }

    private VerifiedTokens tokens(Duration maxAge, int maxEntries) {
        return new VerifiedTokens(verifier, clock, maxAge, maxEntries);
    }

    @Test
    void aTokenVerifiedAMomentAgoIsNotVerifiedAgain() throws ParseException {
        VerifiedTokens tokens = tokens(Duration.ofSeconds(30), 10);
        String service = token("gateway", Duration.ofHours(1));

        JsonWebToken first = tokens.parse(service);
        clock.advance(Duration.ofSeconds(29));
        JsonWebToken again = tokens.parse(service);

        assertSame(first, again);
        assertEquals(List.of(service), verifier.verified);
    }

    @Test
    void afterMaxAgeTheTokenIsVerifiedAgain() throws ParseException {
        VerifiedTokens tokens = tokens(Duration.ofSeconds(30), 10);
        String service = token("gateway", Duration.ofHours(1));

        tokens.parse(service);
        clock.advance(Duration.ofSeconds(30));
        tokens.parse(service);
        verifier.rejected.add(service); // e.g. its key was taken out of use meanwhile
        clock.advance(Duration.ofSeconds(30));

        assertThrows(ParseException.class, () -> tokens.parse(service));
        assertEquals(List.of(service, service, service), verifier.verified);
    }

    @Test
    void aTokenIsNeverTakenPastItsExpiry() throws ParseException {
        VerifiedTokens tokens = tokens(Duration.ofMinutes(10), 10);
        String shortLived = token("caseworker", Duration.ofSeconds(20));

        tokens.parse(shortLived);
        clock.advance(Duration.ofSeconds(19));
        tokens.parse(shortLived);
        clock.advance(Duration.ofSeconds(1));

        assertThrows(ParseException.class, () -> tokens.parse(shortLived));
        assertEquals(List.of(shortLived, shortLived), verifier.verified);
        assertEquals(0, tokens.size());
    }

    @Test
    void aRejectedTokenIsCheckedEveryTime() {
        VerifiedTokens tokens = tokens(Duration.ofSeconds(30), 10);
        String forged = token("intruder", Duration.ofHours(1));
        verifier.rejected.add(forged);

        assertThrows(ParseException.class, () -> tokens.parse(forged));
        assertThrows(ParseException.class, () -> tokens.parse(forged));

        assertEquals(List.of(forged, forged), verifier.verified);
        assertEquals(0, tokens.size());
    }

    @Test
    void anotherTokenTextIsVerifiedOnItsOwn() throws ParseException {
        VerifiedTokens tokens = tokens(Duration.ofSeconds(30), 10);
        String one = token("gateway", Duration.ofHours(1));
        String other = token("print", Duration.ofHours(1));
        verifier.rejected.add(other);

        tokens.parse(one);

        assertThrows(ParseException.class, () -> tokens.parse(other));
        assertEquals(List.of(one, other), verifier.verified);
    }

    @Test
    void whenFullANewTokenIsVerifiedEachTimeUntilAKeptOneRunsOut() throws ParseException {
        VerifiedTokens tokens = tokens(Duration.ofSeconds(30), 2);
        String a = token("a", Duration.ofHours(1));
        String b = token("b", Duration.ofHours(1));
        String c = token("c", Duration.ofHours(1));

        tokens.parse(a);
        clock.advance(Duration.ofSeconds(10));
        tokens.parse(b);
        tokens.parse(c);
        tokens.parse(c);
        assertEquals(List.of(a, b, c, c), verifier.verified);

        clock.advance(Duration.ofSeconds(20)); // a's 30 s are over, b has 10 s left
        tokens.parse(c);
        tokens.parse(c);
        tokens.parse(b);

        assertEquals(List.of(a, b, c, c, c), verifier.verified);
        assertEquals(2, tokens.size());
    }

    @Test
    void maxAgeZeroVerifiesEveryTime() throws ParseException {
        VerifiedTokens tokens = tokens(Duration.ZERO, 10);
        String service = token("gateway", Duration.ofHours(1));

        tokens.parse(service);
        tokens.parse(service);

        assertEquals(List.of(service, service), verifier.verified);
    }
}
