package dk.brevrute.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CprTest {

    @Test
    void generatedNumbersAreDateValidWithTheRequestedDigits() {
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            int ninth = i % 10;
            int last = (i / 10) % 10;
            String cpr = Cpr.generate(random, ninth, last);
            assertEquals(10, cpr.length());
            LocalDate birth = Cpr.birthDate(cpr);
            assertNotNull(birth, "date-valid");
            assertEquals(true, birth.getYear() >= 1930 && birth.getYear() <= 2007, "born 1930-2007: " + birth);
            assertEquals(ninth, cpr.charAt(8) - '0');
            assertEquals(last, cpr.charAt(9) - '0');
        }
    }

    @Test
    void centuryComesFromTheSeventhDigit() {
        assertEquals(LocalDate.of(1990, 1, 1), Cpr.birthDate("0101901234"));
        assertEquals(LocalDate.of(2005, 3, 2), Cpr.birthDate("0203054234"));
        assertEquals(LocalDate.of(1950, 3, 2), Cpr.birthDate("0203504234"));
        assertEquals(LocalDate.of(1860, 3, 2), Cpr.birthDate("0203605234"));
    }

    @Test
    void impossibleDatesHaveNoBirthDate() {
        Random random = new Random(1);
        for (int i = 0; i < 100; i++) {
            assertNull(Cpr.birthDate(Cpr.impossibleDate(random)));
        }
        assertNull(Cpr.birthDate("290223-1234"));
        assertNull(Cpr.birthDate("2902231234"));
        assertNotNull(Cpr.birthDate("2902241234"));
    }
}
