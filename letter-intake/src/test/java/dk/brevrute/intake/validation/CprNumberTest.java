package dk.brevrute.intake.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CprNumberTest {

    @ParameterizedTest(name = "{0} is born {1}")
    @CsvSource({
            "0101901234, 1990-01-01",   // 7th digit 1: 1900s
            "010190-1234, 1990-01-01",  // hyphen optional
            "2902004321, 2000-02-29",   // 7th digit 4, YY 00: 2000s, leap day
            "0101384321, 1938-01-01",   // 7th digit 4, YY 38: 1900s
            "0101575321, 2057-01-01",   // 7th digit 5, YY 57: 2000s
            "0101585321, 1858-01-01",   // 7th digit 5, YY 58: 1800s
            "3112369321, 2036-12-31",   // 7th digit 9, YY 36: 2000s
            "3112379321, 1937-12-31",   // 7th digit 9, YY 37: 1900s
            "0707614285, 1961-07-07"    // fails modulus 11 but is a valid number since 2007
    })
    void realDatesInTheRightCentury(String input, LocalDate born) {
        assertTrue(CprNumber.parse(input).isPresent(), input);
        assertEquals(born, CprNumber.birthDate(input.replace("-", "")).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"3102901234", "2902014321", "0013901234", "000190123", "01019012345", "0101-901234", "01019O1234", ""})
    void rejectsWhatIsNoCprNumber(String input) {
        assertFalse(CprNumber.parse(input).isPresent(), input);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0101901234"})
    void neverPrintsTheNumber(String input) {
        CprNumber cpr = CprNumber.parse(input).orElseThrow();
        assertFalse(cpr.toString().contains("1234"));
        assertEquals("010190-****", cpr.masked());
    }
}
