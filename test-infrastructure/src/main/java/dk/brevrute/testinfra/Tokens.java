package dk.brevrute.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The local token issuer of the local run and the tests: an RSA key pair generated on first use
 * (never committed) and RS256-signed JWTs with the claims Brevrute's services read
 * ({@code groups} for roles, {@code department}, {@code unit}). In production any OIDC provider
 * issues the tokens; the services only verify them.
 */
public final class Tokens {

    public static final String ISSUER = "https://brevrute.local/issuer";
    public static final String PUBLIC_KEY_FILE = "jwt-public.pem";
    public static final String PRIVATE_KEY_FILE = "jwt-private.pem";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrivateKey privateKey;
    private final Path publicKeyFile;

    private Tokens(PrivateKey privateKey, Path publicKeyFile) {
        this.privateKey = privateKey;
        this.publicKeyFile = publicKeyFile;
    }

    /** The issuer whose keys live in {@code dir}, generating them if missing. */
    public static Tokens in(Path dir) {
        try {
            Files.createDirectories(dir);
            Path pub = dir.resolve(PUBLIC_KEY_FILE);
            Path priv = dir.resolve(PRIVATE_KEY_FILE);
            if (!Files.exists(pub) || !Files.exists(priv)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                priv.toFile().setReadable(false, false);
                priv.toFile().setReadable(true, true);
            }
            String body = Files.readString(priv).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            return new Tokens(key, pub);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the local token issuer", e);
        }
    }

    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /** A token for a department's system or person with the given roles, valid for an hour. */
    public String issue(String subject, String department, List<String> roles) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", subject);
        if (department != null) {
            claims.put("department", department);
        }
        claims.put("groups", roles);
        return sign(claims, Duration.ofHours(1), ISSUER);
    }

    /** Signs any claims; for tests of expired tokens and foreign issuers. */
    public String sign(Map<String, Object> claims, Duration validFor, String issuer) {
        Map<String, Object> all = new LinkedHashMap<>(claims);
        Instant now = Instant.now();
        all.put("iss", issuer);
        all.put("iat", now.getEpochSecond());
        all.put("exp", now.plus(validFor).getEpochSecond());
        all.put("jti", UUID.randomUUID().toString());
        all.putIfAbsent("upn", all.get("sub"));
        try {
            String header = b64(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")));
            String payload = b64(JSON.writeValueAsBytes(all));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey);
            signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + b64(signature.sign());
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
