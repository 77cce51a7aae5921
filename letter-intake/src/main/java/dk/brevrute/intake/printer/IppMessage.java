package dk.brevrute.intake.printer;

import java.util.ArrayList;
import java.util.List;

/**
 * An IPP request or response (RFC 8010 section 3.1): version, operation-id or status-code,
 * request-id, attribute groups in order, and the data that follows them (the document).
 */
record IppMessage(int major, int minor, int code, int requestId, List<Group> groups, byte[] data) {

    /** One attribute group: its delimiter tag and attributes in order. */
    record Group(int tag, List<IppAttribute> attributes) {

        Group {
            attributes = List.copyOf(attributes);
        }

        IppAttribute get(String name) {
            return attributes.stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
        }
    }

    IppMessage {
        groups = List.copyOf(groups);
        data = data == null ? new byte[0] : data;
    }

    /** The first group with this tag, or null. */
    Group group(int tag) {
        return groups.stream().filter(g -> g.tag() == tag).findFirst().orElse(null);
    }

    /** All groups with this tag, e.g. one job-attributes group per job in a Get-Jobs response. */
    List<Group> groups(int tag) {
        return groups.stream().filter(g -> g.tag() == tag).toList();
    }

    IppAttribute operationAttribute(String name) {
        Group g = group(Ipp.OPERATION_ATTRIBUTES);
        return g == null ? null : g.get(name);
    }

    /** Builds a message group by group. */
    static final class Builder {
        private final int major;
        private final int minor;
        private final int code;
        private final int requestId;
        private final List<Group> groups = new ArrayList<>();
        private byte[] data;

        Builder(int major, int minor, int code, int requestId) {
            this.major = major;
            this.minor = minor;
            this.code = code;
            this.requestId = requestId;
        }

        Builder group(int tag, List<IppAttribute> attributes) {
            groups.add(new Group(tag, attributes));
            return this;
        }

        Builder data(byte[] bytes) {
            this.data = bytes;
            return this;
        }

        IppMessage build() {
            return new IppMessage(major, minor, code, requestId, groups, data);
        }
    }
}
