package dk.brevrute.print.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dk.brevrute.events.PostalAddress;
import org.junit.jupiter.api.Test;

class AddressesTest {

    @Test
    void parsesADanishWindowAddress() {
        PostalAddress a = Addresses.parse(List.of(" Jens Hansen ", "Nørregade 1, 2. tv.", "c/o Hansen", "1165 København K")).orElseThrow();
        assertEquals(new PostalAddress("Jens Hansen", "Nørregade 1, 2. tv.", "c/o Hansen", "1165", "København K", "DK"), a);
    }

    @Test
    void parsesAForeignWindowAddressByItsCountryLine() {
        assertEquals("SE", Addresses.parse(List.of("Karin Berg", "Storgatan 1", "111 22 Stockholm", "SWEDEN")).orElseThrow().country());
        assertEquals("DE", Addresses.parse(List.of("Max Muster", "Hauptstr. 5", "D-10115 Berlin", "Tyskland")).orElseThrow().country());
        assertEquals("10115", Addresses.parse(List.of("Max Muster", "Hauptstr. 5", "10115 Berlin", "GERMANY")).orElseThrow().postcode());
    }

    @Test
    void textThatIsNoAddressIsNotOne() {
        assertTrue(Addresses.parse(List.of()).isEmpty());
        assertTrue(Addresses.parse(List.of("Vedr.: Afgørelse")).isEmpty());
        assertTrue(Addresses.parse(List.of("Kære borger", "Hermed sender vi", "din afgørelse")).isEmpty());
    }

    @Test
    void carrierLinesEndWithTheCountryAbroad() {
        assertEquals(List.of("Karin Berg", "Storgatan 1", "111 22 Stockholm", "SWEDEN"),
                Addresses.lines(new PostalAddress("Karin Berg", "Storgatan 1", null, "111 22", "Stockholm", "SE")));
        assertEquals(List.of("Jens Hansen", "Nørregade 1", "1165 København K"),
                Addresses.lines(new PostalAddress("Jens Hansen", "Nørregade 1", null, "1165", "København K", null)));
    }

    @Test
    void normalisedFormIgnoresCaseSpacingAndPunctuation() {
        assertEquals(Addresses.normalised(new PostalAddress("Jens Hansen", "Nørregade 1, 2. tv.", null, "1165", "København K", "DK")),
                Addresses.normalised(new PostalAddress("JENS  HANSEN", "Noerregade 1 2 tv", null, "1165", "KØBENHAVN K", null)));
    }

    @Test
    void zones() {
        Zones zones = new Zones(List.of("SE", "DE"));
        assertEquals("DK", zones.of(null));
        assertEquals("DK", zones.of("dk"));
        assertEquals("EUROPE", zones.of("SE"));
        assertEquals("WORLD", zones.of("US"));
    }
}
