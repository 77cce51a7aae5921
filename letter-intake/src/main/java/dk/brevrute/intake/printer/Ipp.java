package dk.brevrute.intake.printer;

/** The numbers of IPP/2.0 (RFC 8010 encoding, RFC 8011 semantics) that this printer speaks. */
final class Ipp {

    private Ipp() {
    }

    // Delimiter tags: attribute groups.
    static final int OPERATION_ATTRIBUTES = 0x01;
    static final int JOB_ATTRIBUTES = 0x02;
    static final int END_OF_ATTRIBUTES = 0x03;
    static final int PRINTER_ATTRIBUTES = 0x04;
    static final int UNSUPPORTED_ATTRIBUTES = 0x05;

    // Out-of-band values.
    static final int UNSUPPORTED = 0x10;
    static final int UNKNOWN = 0x12;
    static final int NO_VALUE = 0x13;

    // Value tags.
    static final int INTEGER = 0x21;
    static final int BOOLEAN = 0x22;
    static final int ENUM = 0x23;
    static final int OCTET_STRING = 0x30;
    static final int DATE_TIME = 0x31;
    static final int RESOLUTION = 0x32;
    static final int RANGE_OF_INTEGER = 0x33;
    static final int BEG_COLLECTION = 0x34;
    static final int TEXT_WITH_LANGUAGE = 0x35;
    static final int NAME_WITH_LANGUAGE = 0x36;
    static final int END_COLLECTION = 0x37;
    static final int TEXT = 0x41;
    static final int NAME = 0x42;
    static final int KEYWORD = 0x44;
    static final int URI = 0x45;
    static final int URI_SCHEME = 0x46;
    static final int CHARSET = 0x47;
    static final int NATURAL_LANGUAGE = 0x48;
    static final int MIME_MEDIA_TYPE = 0x49;
    static final int MEMBER_ATTR_NAME = 0x4A;
    static final int EXTENSION = 0x7F;

    // Operations.
    static final int PRINT_JOB = 0x0002;
    static final int VALIDATE_JOB = 0x0004;
    static final int CREATE_JOB = 0x0005;
    static final int SEND_DOCUMENT = 0x0006;
    static final int CANCEL_JOB = 0x0008;
    static final int GET_JOB_ATTRIBUTES = 0x0009;
    static final int GET_JOBS = 0x000A;
    static final int GET_PRINTER_ATTRIBUTES = 0x000B;

    // Status codes.
    static final int OK = 0x0000;
    static final int OK_IGNORED_OR_SUBSTITUTED = 0x0001;
    static final int BAD_REQUEST = 0x0400;
    static final int FORBIDDEN = 0x0401;
    static final int NOT_AUTHENTICATED = 0x0402;
    static final int NOT_AUTHORIZED = 0x0403;
    static final int NOT_POSSIBLE = 0x0404;
    static final int NOT_FOUND = 0x0406;
    static final int REQUEST_ENTITY_TOO_LARGE = 0x0408;
    static final int DOCUMENT_FORMAT_NOT_SUPPORTED = 0x040A;
    static final int ATTRIBUTES_OR_VALUES_NOT_SUPPORTED = 0x040B;
    static final int CHARSET_NOT_SUPPORTED = 0x040D;
    static final int COMPRESSION_NOT_SUPPORTED = 0x040F;
    static final int INTERNAL_ERROR = 0x0500;
    static final int OPERATION_NOT_SUPPORTED = 0x0501;
    static final int VERSION_NOT_SUPPORTED = 0x0503;
    static final int MULTIPLE_DOCUMENT_JOBS_NOT_SUPPORTED = 0x0509;

    // job-state and printer-state enums.
    static final int JOB_PENDING = 3;
    static final int JOB_PENDING_HELD = 4;
    static final int JOB_PROCESSING = 5;
    static final int JOB_CANCELED = 7;
    static final int JOB_ABORTED = 8;
    static final int JOB_COMPLETED = 9;
    static final int PRINTER_IDLE = 3;

    /** Whether a value tag is an out-of-band value (no value bytes). */
    static boolean outOfBand(int tag) {
        return tag >= 0x10 && tag <= 0x1F;
    }

    /** Whether a value tag carries a string (the character-string and the us-ascii-string kinds). */
    static boolean stringTag(int tag) {
        return (tag >= 0x40 && tag <= 0x5F);
    }
}
