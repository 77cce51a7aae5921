package dk.brevrute.intake.printer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

import dk.brevrute.intake.printer.IppAttribute.Range;
import dk.brevrute.intake.printer.IppAttribute.Resolution;
import dk.brevrute.intake.printer.IppAttribute.WithLanguage;
import dk.brevrute.intake.printer.IppCodec.IppFormatException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The RFC 8010 wire format: exact bytes, every value kind both ways, 1setOf, collections, and malformed input refused. */
class IppCodecTest {

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }

    /** A Get-Printer-Attributes request as RFC 8010 lays it out, byte by byte. */
    static final String GET_PRINTER_ATTRIBUTES = """
            0200 000b 00000001
            01
            47 0012 617474726962757465732d63686172736574 0005 7574662d38
            48 001b 617474726962757465732d6e61747572616c2d6c616e6775616765 0002 656e
            45 000b 7072696e7465722d757269 0013 6970703a2f2f6c6f63616c686f73742f697070
            44 0014 7265717565737465642d61747472696275746573 0003 616c6c
            44 0000 000c 7072696e7465722d6e616d65
            03""";

    @Test
    void encodesExactlyTheBytesOfTheRfc() {
        IppMessage m = new IppMessage.Builder(2, 0, Ipp.GET_PRINTER_ATTRIBUTES, 1).group(Ipp.OPERATION_ATTRIBUTES, List.of(
                IppAttribute.of("attributes-charset", Ipp.CHARSET, "utf-8"),
                IppAttribute.of("attributes-natural-language", Ipp.NATURAL_LANGUAGE, "en"),
                IppAttribute.of("printer-uri", Ipp.URI, "ipp://localhost/ipp"),
                IppAttribute.of("requested-attributes", Ipp.KEYWORD, "all", "printer-name"))).build();
        assertArrayEquals(hex(GET_PRINTER_ATTRIBUTES), IppCodec.encode(m));
    }

    @Test
    void decodesTheRfcBytes() throws Exception {
        IppMessage m = IppCodec.decode(hex(GET_PRINTER_ATTRIBUTES));
        assertEquals(2, m.major());
        assertEquals(0, m.minor());
        assertEquals(Ipp.GET_PRINTER_ATTRIBUTES, m.code());
        assertEquals(1, m.requestId());
        assertEquals(List.of("all", "printer-name"), m.operationAttribute("requested-attributes").strings(), "a 1setOf");
        assertEquals("ipp://localhost/ipp", m.operationAttribute("printer-uri").string());
        assertEquals(0, m.data().length);
    }

    @Test
    void everyValueKindRoundTrips() throws Exception {
        OffsetDateTime time = OffsetDateTime.of(2026, 3, 14, 9, 26, 53, 500_000_000, ZoneOffset.ofHoursMinutes(-2, -30));
        IppAttribute mediaCol = IppAttribute.collection("media-col",
                IppAttribute.collection("media-size", IppAttribute.of("x-dimension", Ipp.INTEGER, 21000),
                        IppAttribute.of("y-dimension", Ipp.INTEGER, 29700)),
                IppAttribute.of("media-source", Ipp.KEYWORD, "main", "manual"));
        List<IppAttribute> job = List.of(
                IppAttribute.of("copies", Ipp.INTEGER, 1),
                IppAttribute.of("job-state", Ipp.ENUM, 9),
                IppAttribute.of("flag", Ipp.BOOLEAN, true, false),
                IppAttribute.of("when", Ipp.DATE_TIME, time),
                IppAttribute.of("printer-resolution", Ipp.RESOLUTION, new Resolution(600, 300, 3)),
                IppAttribute.of("copies-supported", Ipp.RANGE_OF_INTEGER, new Range(1, 99)),
                IppAttribute.of("job-name", Ipp.NAME_WITH_LANGUAGE, new WithLanguage("da", "Afgørelse æøå")),
                IppAttribute.of("job-state-message", Ipp.TEXT, "letter accepted ✓"),
                IppAttribute.of("raw", Ipp.OCTET_STRING, (Object) new byte[] {0, 1, 2, (byte) 255}),
                IppAttribute.outOfBand("time-at-completed", Ipp.NO_VALUE),
                new IppAttribute("media", List.of(new IppAttribute.Value(Ipp.KEYWORD, "iso_a4_210x297mm"),
                        new IppAttribute.Value(Ipp.NAME, "Brevpapir"))),
                mediaCol);
        byte[] document = "%PDF-1.7 document bytes".getBytes();
        IppMessage m = new IppMessage.Builder(1, 1, Ipp.OK_IGNORED_OR_SUBSTITUTED, 0x7FFFFFFF)
                .group(Ipp.OPERATION_ATTRIBUTES, List.of(IppAttribute.of("attributes-charset", Ipp.CHARSET, "utf-8")))
                .group(Ipp.JOB_ATTRIBUTES, job).group(Ipp.JOB_ATTRIBUTES, List.of(IppAttribute.of("job-id", Ipp.INTEGER, 2)))
                .data(document).build();

        IppMessage back = IppCodec.decode(IppCodec.encode(m));
        assertEquals(m.groups(), back.groups());
        assertArrayEquals(document, back.data());
        assertEquals(2, back.groups(Ipp.JOB_ATTRIBUTES).size(), "two groups with the same tag stay two groups");
        IppAttribute col = back.group(Ipp.JOB_ATTRIBUTES).get("media-col");
        assertEquals(21000, col.member("media-size").member("x-dimension").integer());
        assertEquals(List.of("main", "manual"), col.member("media-source").strings());
        assertEquals(time, back.group(Ipp.JOB_ATTRIBUTES).get("when").value());
        assertNull(back.group(Ipp.JOB_ATTRIBUTES).get("time-at-completed").value());
        assertEquals(Ipp.NO_VALUE, back.group(Ipp.JOB_ATTRIBUTES).get("time-at-completed").tag());
    }

    @Test
    void aCollectionIsEncodedWithMemberAttrNamesAndEndCollection() {
        IppMessage m = new IppMessage.Builder(2, 0, Ipp.OK, 5).group(Ipp.PRINTER_ATTRIBUTES,
                List.of(IppAttribute.collection("c", IppAttribute.of("x", Ipp.INTEGER, 7)))).build();
        assertEquals("0200000000000005" + "04"
                + "34" + "0001" + "63" + "0000"
                + "4a" + "0000" + "0001" + "78"
                + "21" + "0000" + "0004" + "00000007"
                + "37" + "0000" + "0000"
                + "03", HexFormat.of().formatHex(IppCodec.encode(m)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "020000", // shorter than a header
            "0200000b00000001", // no end-of-attributes-tag
            "0200000b00000001 01 47000161", // attribute ends early
            "0200000b00000001 47 0001 61 0001 62 03", // a value before any group
            "0200000b00000001 01 44 0000 0001 61 03", // an additional value with no attribute before it
            "0200000b00000001 01 21 0001 61 0002 0001 03", // an integer of 2 bytes
            "0200000b00000001 01 22 0001 61 0001 05 03", // a boolean of 5
            "0200000b00000001 01 31 0001 61 0003 000102 03", // a short dateTime
            "0200000b00000001 01 41 0001 61 0002 c328 03", // not UTF-8
            "0200000b00000001 00 03", // reserved delimiter 0x00
            "0200000b00000001 01 34 0001 63 0000 21 0000 0004 00000001 37 0000 0000 03", // a member value before its name
            "0200000b00000001 01 34 0001 63 0000 4a 0000 0001 78 03", // a collection cut off by end-of-attributes
            "0200000b00000001 01 37 0001 63 0000 03", // endCollection outside a collection
            "0200000b00000001 01 35 0001 61 0006 0002 6461 0001 62 03" // text-with-language whose lengths disagree
    })
    void malformedMessagesAreRefused(String bytes) {
        assertThrows(IppFormatException.class, () -> IppCodec.decode(hex(bytes)));
    }

    @Test
    void theRequestIdIsKeptForTheErrorAnswer() {
        IppFormatException e = assertThrows(IppFormatException.class, () -> IppCodec.decode(hex("0200000b0000002a 01 2100")));
        assertEquals(42, e.requestId);
        assertTrue(e.getMessage().contains("ends early"), e.getMessage());
    }
}
