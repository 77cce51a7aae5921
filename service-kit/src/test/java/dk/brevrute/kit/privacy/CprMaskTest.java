package dk.brevrute.kit.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

class CprMaskTest {

    @Test
    void masksTheSerialNumber() {
        assertEquals("010190-****", CprMask.mask("0101901234"));
        assertEquals("010190-****", CprMask.mask("010190-1234"));
        assertEquals("******-****", CprMask.mask("not a number"));
        assertNull(CprMask.mask(null));
    }

    @Test
    void onlyTheRolesThatNeedItSeeTheWholeNumber() {
        assertEquals("010190-1234", CprMask.forRoles("0101901234", List.of("registry-admin"), List.of("registry-admin")));
        assertEquals("010190-****", CprMask.forRoles("0101901234", List.of("auditor"), List.of("registry-admin")));
        assertEquals("010190-****", CprMask.forRoles("0101901234", null, List.of("registry-admin")));
    }

    @Test
    void masksCprShapedNumbersInFreeText() {
        assertEquals("request from 010190-**** and 311299-****, case 12345678901",
                CprMask.maskAll("request from 0101901234 and 311299-5678, case 12345678901"));
    }
}
