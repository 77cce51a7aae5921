package dk.brevrute.intake.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Printer passwords: random, never stored, salted PBKDF2 hashes that name their cost. */
class PasswordHashTest {

    @Test
    void aHashVerifiesItsPasswordOnly() {
        String password = PasswordHash.newPassword();
        String hash = PasswordHash.hash(password, 210_000);
        assertTrue(hash.startsWith("pbkdf2-sha512$210000$"));
        assertFalse(hash.contains(password));
        assertTrue(PasswordHash.verify(password, hash));
        assertFalse(PasswordHash.verify(password + "x", hash));
        assertFalse(PasswordHash.verify(password, "md5$" + hash), "an unknown scheme never verifies");
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        assertNotEquals(PasswordHash.hash("secret", 1000), PasswordHash.hash("secret", 1000), "a fresh salt each time");
        assertTrue(PasswordHash.verify("secret", PasswordHash.hash("secret", 1000)), "the iterations travel with the hash");
    }

    @Test
    void newPasswordsAreLongAndDifferent() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String p = PasswordHash.newPassword();
            assertEquals(24, p.length());
            assertTrue(p.matches("[A-Za-z2-9]+"), "URI-safe, no look-alikes");
            seen.add(p);
        }
        assertEquals(100, seen.size());
    }
}
