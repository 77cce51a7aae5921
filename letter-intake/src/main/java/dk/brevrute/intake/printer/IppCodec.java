package dk.brevrute.intake.printer;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dk.brevrute.intake.printer.IppAttribute.Range;
import dk.brevrute.intake.printer.IppAttribute.Resolution;
import dk.brevrute.intake.printer.IppAttribute.Value;
import dk.brevrute.intake.printer.IppAttribute.WithLanguage;

/**
 * The IPP/2.0 wire format (RFC 8010 section 3): messages to bytes and back, with attribute groups,
 * 1setOf values (a value with an empty name continues the attribute before it) and collections
 * (begCollection, memberAttrName, endCollection). Anything malformed is an {@link IppFormatException}
 * (answered with client-error-bad-request); its message names the problem, never a value.
 */
final class IppCodec {

    /** A message that does not follow RFC 8010. */
    static final class IppFormatException extends Exception {
        /** The request-id, when the header could be read, so the error answer can carry it. */
        final int requestId;

        IppFormatException(String message, int requestId) {
            super(message);
            this.requestId = requestId;
        }
    }

    private IppCodec() {
    }

    static IppMessage decode(byte[] bytes) throws IppFormatException {
        Reader r = new Reader(bytes);
        if (bytes.length < 9) {
            throw new IppFormatException("an IPP message has at least 9 bytes", bytes.length >= 8 ? ByteBuffer.wrap(bytes, 4, 4).getInt() : 0);
        }
        int major = r.u8();
        int minor = r.u8();
        int code = r.u16();
        int requestId = r.s32();
        r.requestId = requestId;
        List<IppMessage.Group> groups = new ArrayList<>();
        int groupTag = -1;
        List<IppAttribute> attributes = null;
        String name = null;
        List<Value> values = null;
        while (true) {
            int tag = r.u8();
            if (tag < 0x10) {
                if (name != null) {
                    attributes.add(new IppAttribute(name, values));
                    name = null;
                }
                if (attributes != null) {
                    groups.add(new IppMessage.Group(groupTag, attributes));
                }
                if (tag == Ipp.END_OF_ATTRIBUTES) {
                    break;
                }
                if (tag == 0x00) {
                    throw r.error("delimiter tag 0x00 is reserved");
                }
                groupTag = tag;
                attributes = new ArrayList<>();
                continue;
            }
            if (attributes == null) {
                throw r.error("an attribute before the first attribute group");
            }
            int nameLength = r.u16();
            if (nameLength == 0) {
                if (name == null) {
                    throw r.error("an additional value without an attribute before it");
                }
            } else {
                if (name != null) {
                    attributes.add(new IppAttribute(name, values));
                }
                name = r.string(nameLength);
                values = new ArrayList<>();
            }
            values.add(new Value(tag, readValue(tag, r, 0)));
        }
        return new IppMessage(major, minor, code, requestId, groups, r.rest());
    }

    private static Object readValue(int tag, Reader r, int depth) throws IppFormatException {
        int length = r.u16();
        if (Ipp.outOfBand(tag)) {
            r.skip(length);
            return null;
        }
        switch (tag) {
            case Ipp.INTEGER, Ipp.ENUM -> {
                r.expectLength(tag, length, 4);
                return r.s32();
            }
            case Ipp.BOOLEAN -> {
                r.expectLength(tag, length, 1);
                int b = r.u8();
                if (b > 1) {
                    throw r.error("a boolean is 0 or 1");
                }
                return b == 1;
            }
            case Ipp.DATE_TIME -> {
                r.expectLength(tag, length, 11);
                return r.dateTime();
            }
            case Ipp.RESOLUTION -> {
                r.expectLength(tag, length, 9);
                return new Resolution(r.s32(), r.s32(), r.u8());
            }
            case Ipp.RANGE_OF_INTEGER -> {
                r.expectLength(tag, length, 8);
                return new Range(r.s32(), r.s32());
            }
            case Ipp.TEXT_WITH_LANGUAGE, Ipp.NAME_WITH_LANGUAGE -> {
                int languageLength = r.u16();
                String language = r.string(languageLength);
                int textLength = r.u16();
                String text = r.string(textLength);
                if (4 + languageLength + textLength != length) {
                    throw r.error("a string with language whose lengths do not add up");
                }
                return new WithLanguage(language, text);
            }
            case Ipp.BEG_COLLECTION -> {
                r.skip(length);
                if (depth > 8) {
                    throw r.error("collections nested too deep");
                }
                return readCollection(r, depth + 1);
            }
            case Ipp.END_COLLECTION, Ipp.MEMBER_ATTR_NAME -> throw r.error("a collection tag outside a collection");
            default -> {
                if (tag == Ipp.EXTENSION || !Ipp.stringTag(tag)) {
                    return r.bytes(length);
                }
                return r.string(length);
            }
        }
    }

    private static List<IppAttribute> readCollection(Reader r, int depth) throws IppFormatException {
        List<IppAttribute> members = new ArrayList<>();
        String member = null;
        List<Value> values = null;
        while (true) {
            int tag = r.u8();
            if (tag < 0x10) {
                throw r.error("a delimiter tag inside a collection");
            }
            if (r.u16() != 0) {
                throw r.error("a collection member value with a name");
            }
            if (tag == Ipp.END_COLLECTION) {
                r.skip(r.u16());
                if (member != null) {
                    members.add(new IppAttribute(member, values));
                }
                return members;
            }
            if (tag == Ipp.MEMBER_ATTR_NAME) {
                if (member != null) {
                    if (values.isEmpty()) {
                        throw r.error("a collection member without a value");
                    }
                    members.add(new IppAttribute(member, values));
                }
                member = r.string(r.u16());
                if (member.isEmpty()) {
                    throw r.error("a collection member with an empty name");
                }
                values = new ArrayList<>();
                continue;
            }
            if (member == null) {
                throw r.error("a collection value before its memberAttrName");
            }
            values.add(new Value(tag, readValue(tag, r, depth)));
        }
    }

    static byte[] encode(IppMessage m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 + m.data().length);
        out.write(m.major());
        out.write(m.minor());
        u16(out, m.code());
        s32(out, m.requestId());
        for (IppMessage.Group g : m.groups()) {
            out.write(g.tag());
            for (IppAttribute a : g.attributes()) {
                boolean first = true;
                for (Value v : a.values()) {
                    out.write(v.tag());
                    string(out, first ? a.name() : "");
                    first = false;
                    writeValue(out, v);
                }
            }
        }
        out.write(Ipp.END_OF_ATTRIBUTES);
        out.writeBytes(m.data());
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static void writeValue(ByteArrayOutputStream out, Value v) {
        Object value = v.value();
        int tag = v.tag();
        if (Ipp.outOfBand(tag) || value == null) {
            u16(out, 0);
        } else if (value instanceof Integer i) {
            u16(out, 4);
            s32(out, i);
        } else if (value instanceof Boolean b) {
            u16(out, 1);
            out.write(b ? 1 : 0);
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof WithLanguage w) {
            byte[] language = w.language().getBytes(StandardCharsets.US_ASCII);
            byte[] text = w.text().getBytes(StandardCharsets.UTF_8);
            u16(out, 4 + language.length + text.length);
            u16(out, language.length);
            out.writeBytes(language);
            u16(out, text.length);
            out.writeBytes(text);
        } else if (value instanceof Range range) {
            u16(out, 8);
            s32(out, range.lower());
            s32(out, range.upper());
        } else if (value instanceof Resolution res) {
            u16(out, 9);
            s32(out, res.crossFeed());
            s32(out, res.feed());
            out.write(res.units());
        } else if (value instanceof OffsetDateTime t) {
            u16(out, 11);
            u16(out, t.getYear());
            out.write(t.getMonthValue());
            out.write(t.getDayOfMonth());
            out.write(t.getHour());
            out.write(t.getMinute());
            out.write(t.getSecond());
            out.write(t.getNano() / 100_000_000);
            int offset = t.getOffset().getTotalSeconds();
            out.write(offset < 0 ? '-' : '+');
            out.write(Math.abs(offset) / 3600);
            out.write(Math.abs(offset) / 60 % 60);
        } else if (value instanceof List<?> members) {
            u16(out, 0);
            for (IppAttribute member : (List<IppAttribute>) members) {
                out.write(Ipp.MEMBER_ATTR_NAME);
                u16(out, 0);
                string(out, member.name());
                for (Value mv : member.values()) {
                    out.write(mv.tag());
                    u16(out, 0);
                    writeValue(out, mv);
                }
            }
            out.write(Ipp.END_COLLECTION);
            u16(out, 0);
            u16(out, 0);
        } else if (value instanceof byte[] b) {
            u16(out, b.length);
            out.writeBytes(b);
        } else {
            throw new IllegalArgumentException("no IPP encoding for " + value.getClass().getSimpleName());
        }
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0x7FFF) {
            throw new IllegalArgumentException("an IPP value is at most 32767 bytes");
        }
        u16(out, b.length);
        out.writeBytes(b);
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8 & 0xFF);
        out.write(v & 0xFF);
    }

    private static void s32(ByteArrayOutputStream out, int v) {
        u16(out, v >>> 16);
        u16(out, v & 0xFFFF);
    }

    /** Reads big-endian fields and fails on truncation. */
    private static final class Reader {
        private final byte[] b;
        private int pos;
        int requestId;

        Reader(byte[] b) {
            this.b = b;
        }

        IppFormatException error(String what) {
            return new IppFormatException(what + " (at byte " + pos + ")", requestId);
        }

        private void need(int n) throws IppFormatException {
            if (n < 0 || pos + n > b.length) {
                throw error("the message ends early");
            }
        }

        int u8() throws IppFormatException {
            need(1);
            return b[pos++] & 0xFF;
        }

        int u16() throws IppFormatException {
            need(2);
            int v = (b[pos] & 0xFF) << 8 | b[pos + 1] & 0xFF;
            pos += 2;
            return v;
        }

        int s32() throws IppFormatException {
            return u16() << 16 | u16();
        }

        void skip(int n) throws IppFormatException {
            need(n);
            pos += n;
        }

        byte[] bytes(int n) throws IppFormatException {
            need(n);
            byte[] out = Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return out;
        }

        String string(int n) throws IppFormatException {
            need(n);
            try {
                String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, pos, n)).toString();
                pos += n;
                return s;
            } catch (CharacterCodingException e) {
                throw error("a string that is not UTF-8");
            }
        }

        void expectLength(int tag, int actual, int expected) throws IppFormatException {
            if (actual != expected) {
                throw error(String.format("value tag 0x%02x needs %d bytes, not %d", tag, expected, actual));
            }
        }

        OffsetDateTime dateTime() throws IppFormatException {
            int year = u16();
            int month = u8();
            int day = u8();
            int hour = u8();
            int minute = u8();
            int second = u8();
            int deci = u8();
            int direction = u8();
            int hours = u8();
            int minutes = u8();
            try {
                if ((direction != '+' && direction != '-') || deci > 9) {
                    throw new DateTimeException("direction or deci-seconds");
                }
                ZoneOffset offset = ZoneOffset.ofHoursMinutes(direction == '-' ? -hours : hours, direction == '-' ? -minutes : minutes);
                return OffsetDateTime.of(year, month, day, hour, minute, Math.min(second, 59), deci * 100_000_000, offset);
            } catch (DateTimeException e) {
                throw error("not a dateTime");
            }
        }

        byte[] rest() {
            return Arrays.copyOfRange(b, pos, b.length);
        }
    }
}
