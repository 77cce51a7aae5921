package dk.brevrute.kit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class AuditCallerTest {

    @Test
    void aPurposeIsStoredWithoutCprNumbersControlCharactersOrExcess() {
        assertEquals("complaint about 010190-**** case 7", AuditCaller.clean(" complaint about 0101901234\ncase 7 "));
        assertNull(AuditCaller.clean("   "));
        assertEquals(AuditCaller.MAX_PURPOSE, AuditCaller.clean("x".repeat(2000)).length());
    }
}
