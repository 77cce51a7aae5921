package dk.brevrute.intake.printer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One IPP attribute: a name and one or more values (more than one is a 1setOf), each with its own
 * value tag. Values are {@link Integer} (integer, enum), {@link Boolean}, {@link String} (text, name,
 * keyword, uri, charset, naturalLanguage, mimeMediaType, ...), {@link WithLanguage},
 * {@link Resolution}, {@link Range}, {@link java.time.OffsetDateTime} (dateTime), a
 * {@code List<IppAttribute>} (collection members), {@code byte[]} (octetString and unknown tags) or
 * {@code null} (out-of-band: unsupported, unknown, no-value).
 */
record IppAttribute(String name, List<Value> values) {

    /** A value and the tag it travels with. */
    record Value(int tag, Object value) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Value v && v.tag == tag
                    && (value instanceof byte[] b ? v.value instanceof byte[] c && Arrays.equals(b, c) : Objects.equals(value, v.value));
        }

        @Override
        public int hashCode() {
            return 31 * tag + (value instanceof byte[] b ? Arrays.hashCode(b) : Objects.hashCode(value));
        }
    }

    record WithLanguage(String language, String text) {
    }

    record Resolution(int crossFeed, int feed, int units) {
        static final int DOTS_PER_INCH = 3;
    }

    record Range(int lower, int upper) {
    }

    IppAttribute {
        values = List.copyOf(values);
    }

    static IppAttribute of(String name, int tag, Object... values) {
        List<Value> list = new ArrayList<>();
        for (Object v : values) {
            list.add(new Value(tag, v));
        }
        return new IppAttribute(name, list);
    }

    static IppAttribute of(String name, int tag, List<?> values) {
        return of(name, tag, values.toArray());
    }

    /** An attribute with one out-of-band value, e.g. 'unsupported' or 'no-value'. */
    static IppAttribute outOfBand(String name, int tag) {
        return new IppAttribute(name, List.of(new Value(tag, null)));
    }

    /** An attribute whose one value is a collection of these members. */
    static IppAttribute collection(String name, IppAttribute... members) {
        return new IppAttribute(name, List.of(new Value(Ipp.BEG_COLLECTION, List.of(members))));
    }

    int tag() {
        return values.get(0).tag();
    }

    Object value() {
        return values.get(0).value();
    }

    /** The first value as a string, or null when it is none (out-of-band or another kind). */
    String string() {
        Object v = value();
        return v instanceof String s ? s : v instanceof WithLanguage w ? w.text() : null;
    }

    List<String> strings() {
        return values.stream().map(v -> v.value() instanceof String s ? s : v.value() instanceof WithLanguage w ? w.text() : null).toList();
    }

    Integer integer() {
        return value() instanceof Integer i ? i : null;
    }

    Boolean bool() {
        return value() instanceof Boolean b ? b : null;
    }

    /** The members of a collection value. */
    @SuppressWarnings("unchecked")
    List<IppAttribute> members() {
        return value() instanceof List<?> l ? (List<IppAttribute>) l : List.of();
    }

    IppAttribute member(String memberName) {
        return members().stream().filter(m -> m.name().equals(memberName)).findFirst().orElse(null);
    }
}
