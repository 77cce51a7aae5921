package dk.brevrute.events;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hash that stands for a citizen wherever a service only needs to recognise one: the key
 * of the registration topic and the registry's primary key. HMAC-SHA256 over the 10 CPR digits
 * (hyphen removed) with a secret from configuration, as lower-case hex. Without the secret the hash
 * cannot be reversed by trying all CPR numbers.
 */
public final class CitizenKey {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public CitizenKey(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the citizen-key secret must have at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The keyed hash of a CPR number given with or without its hyphen. */
    public String of(String cpr) {
        String digits = cpr == null ? "" : cpr.replace("-", "").strip();
        if (!digits.matches("[0-9]{10}")) {
            throw new IllegalArgumentException("a CPR number has 10 digits");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(digits.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(ALGORITHM + " unavailable", e);
        }
    }
}
