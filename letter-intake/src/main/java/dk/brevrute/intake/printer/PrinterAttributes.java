package dk.brevrute.intake.printer;

import static dk.brevrute.intake.printer.IppAttribute.collection;
import static dk.brevrute.intake.printer.IppAttribute.of;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dk.brevrute.intake.printer.IppAttribute.Range;
import dk.brevrute.intake.printer.IppAttribute.Resolution;

/**
 * What a unit's queue says about itself (RFC 8011 section 5.4, and what IPP Everywhere clients look
 * for): a driverless PDF printer for A4 letters with HTTP Basic authentication. The letter goes on
 * to Brevrute, so the print options are accepted and ignored: one copy, one-sided, A4.
 */
final class PrinterAttributes {

    static final String A4 = "iso_a4_210x297mm";
    static final List<String> FORMATS = List.of("application/pdf", "application/octet-stream");
    static final List<Integer> OPERATIONS = List.of(Ipp.PRINT_JOB, Ipp.VALIDATE_JOB, Ipp.CREATE_JOB, Ipp.SEND_DOCUMENT,
            Ipp.CANCEL_JOB, Ipp.GET_JOB_ATTRIBUTES, Ipp.GET_JOBS, Ipp.GET_PRINTER_ATTRIBUTES);

    /** The job template attributes' printer side (xxx-default, xxx-supported, ...), for requested-attributes 'job-template'. */
    static final Set<String> JOB_TEMPLATE = Set.of("copies-default", "copies-supported", "finishings-default", "finishings-supported",
            "job-priority-default", "job-priority-supported", "job-sheets-default", "job-sheets-supported", "media-default",
            "media-supported", "media-ready", "media-col-default", "media-col-ready", "media-col-supported", "media-col-database",
            "number-up-default", "number-up-supported", "orientation-requested-default", "orientation-requested-supported",
            "print-quality-default", "print-quality-supported", "printer-resolution-default", "printer-resolution-supported",
            "sides-default", "sides-supported", "print-color-mode-default", "print-color-mode-supported", "job-hold-until-default",
            "job-hold-until-supported");

    /** The values a Get-Printer-Attributes answer needs about the unit and the moment. */
    record Context(String printerUri, String unitId, String unitName, String departmentName, String moreInfoUri, long queuedJobs,
            long maxDocumentBytes) {
    }

    private PrinterAttributes() {
    }

    /** IPP time: seconds since the Unix epoch, as CUPS does; the same on every replica and after a restart. */
    static int upTime(Instant at) {
        return (int) at.getEpochSecond();
    }

    static List<IppAttribute> all(Context c) {
        List<IppAttribute> a = new ArrayList<>();
        Instant now = Instant.now();
        a.add(of("printer-uri-supported", Ipp.URI, c.printerUri()));
        a.add(of("uri-security-supported", Ipp.KEYWORD, c.printerUri().startsWith("ipps:") ? "tls" : "none"));
        a.add(of("uri-authentication-supported", Ipp.KEYWORD, "basic"));
        a.add(of("printer-name", Ipp.NAME, c.unitId()));
        a.add(of("printer-info", Ipp.TEXT, clip("Brevrute: " + c.unitName())));
        a.add(of("printer-location", Ipp.TEXT, clip(c.departmentName())));
        a.add(of("printer-more-info", Ipp.URI, c.moreInfoUri()));
        a.add(of("printer-make-and-model", Ipp.TEXT, "Brevrute digital-first letter printer"));
        a.add(of("printer-organization", Ipp.TEXT, clip(c.departmentName())));
        a.add(of("printer-organizational-unit", Ipp.TEXT, clip(c.unitName())));
        a.add(of("printer-state", Ipp.ENUM, Ipp.PRINTER_IDLE));
        a.add(of("printer-state-reasons", Ipp.KEYWORD, "none"));
        a.add(of("printer-state-message", Ipp.TEXT, "Ready: letters go to e-Boks or the print centre"));
        a.add(of("printer-is-accepting-jobs", Ipp.BOOLEAN, true));
        a.add(of("queued-job-count", Ipp.INTEGER, (int) Math.min(c.queuedJobs(), Integer.MAX_VALUE)));
        a.add(of("printer-up-time", Ipp.INTEGER, upTime(now)));
        a.add(of("printer-current-time", Ipp.DATE_TIME, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)));
        a.add(of("printer-uuid", Ipp.URI, "urn:uuid:" + java.util.UUID.nameUUIDFromBytes(("brevrute-unit:" + c.unitId()).getBytes())));
        a.add(of("printer-kind", Ipp.KEYWORD, "document"));
        a.add(of("color-supported", Ipp.BOOLEAN, false));
        a.add(of("pages-per-minute", Ipp.INTEGER, 60));
        a.add(of("ipp-versions-supported", Ipp.KEYWORD, "1.0", "1.1", "2.0"));
        a.add(of("ipp-features-supported", Ipp.KEYWORD, "none"));
        a.add(of("operations-supported", Ipp.ENUM, OPERATIONS));
        a.add(of("multiple-document-jobs-supported", Ipp.BOOLEAN, false));
        a.add(of("multiple-operation-time-out", Ipp.INTEGER, 300));
        a.add(of("charset-configured", Ipp.CHARSET, "utf-8"));
        a.add(of("charset-supported", Ipp.CHARSET, "utf-8", "us-ascii"));
        a.add(of("natural-language-configured", Ipp.NATURAL_LANGUAGE, "en"));
        a.add(of("generated-natural-language-supported", Ipp.NATURAL_LANGUAGE, "en"));
        a.add(of("document-format-default", Ipp.MIME_MEDIA_TYPE, "application/pdf"));
        a.add(of("document-format-supported", Ipp.MIME_MEDIA_TYPE, FORMATS));
        a.add(of("compression-supported", Ipp.KEYWORD, "none"));
        a.add(of("pdl-override-supported", Ipp.KEYWORD, "attempted"));
        a.add(of("which-jobs-supported", Ipp.KEYWORD, "completed", "not-completed"));
        a.add(of("job-ids-supported", Ipp.BOOLEAN, false));
        a.add(of("job-k-octets-supported", Ipp.RANGE_OF_INTEGER, new Range(0, (int) (c.maxDocumentBytes() / 1024))));
        a.add(of("job-creation-attributes-supported", Ipp.KEYWORD, "copies", "finishings", "job-priority", "job-sheets", "media",
                "media-col", "orientation-requested", "print-color-mode", "print-quality", "printer-resolution", "sides"));
        a.add(of("reference-uri-schemes-supported", Ipp.URI_SCHEME, "http", "https"));
        a.add(of("copies-default", Ipp.INTEGER, 1));
        a.add(of("copies-supported", Ipp.RANGE_OF_INTEGER, new Range(1, 1)));
        a.add(of("finishings-default", Ipp.ENUM, 3));
        a.add(of("finishings-supported", Ipp.ENUM, 3));
        a.add(of("job-priority-default", Ipp.INTEGER, 50));
        a.add(of("job-priority-supported", Ipp.INTEGER, 100));
        a.add(of("job-sheets-default", Ipp.KEYWORD, "none"));
        a.add(of("job-sheets-supported", Ipp.KEYWORD, "none"));
        a.add(of("media-default", Ipp.KEYWORD, A4));
        a.add(of("media-supported", Ipp.KEYWORD, A4));
        a.add(of("media-ready", Ipp.KEYWORD, A4));
        a.add(new IppAttribute("media-col-default", List.of(new IppAttribute.Value(Ipp.BEG_COLLECTION, a4Col()))));
        a.add(new IppAttribute("media-col-ready", List.of(new IppAttribute.Value(Ipp.BEG_COLLECTION, a4Col()))));
        a.add(new IppAttribute("media-col-database", List.of(new IppAttribute.Value(Ipp.BEG_COLLECTION, a4Col()))));
        a.add(of("media-col-supported", Ipp.KEYWORD, "media-size", "media-size-name"));
        a.add(of("media-size-supported", Ipp.BEG_COLLECTION, List.of(size())));
        a.add(of("number-up-default", Ipp.INTEGER, 1));
        a.add(of("number-up-supported", Ipp.INTEGER, 1));
        a.add(of("orientation-requested-default", Ipp.ENUM, 3));
        a.add(of("orientation-requested-supported", Ipp.ENUM, 3, 4, 5, 6));
        a.add(of("print-quality-default", Ipp.ENUM, 4));
        a.add(of("print-quality-supported", Ipp.ENUM, 3, 4, 5));
        a.add(of("printer-resolution-default", Ipp.RESOLUTION, new Resolution(300, 300, Resolution.DOTS_PER_INCH)));
        a.add(of("printer-resolution-supported", Ipp.RESOLUTION, new Resolution(300, 300, Resolution.DOTS_PER_INCH)));
        a.add(of("print-color-mode-default", Ipp.KEYWORD, "monochrome"));
        a.add(of("print-color-mode-supported", Ipp.KEYWORD, "auto", "monochrome", "color"));
        a.add(of("sides-default", Ipp.KEYWORD, "one-sided"));
        a.add(of("sides-supported", Ipp.KEYWORD, "one-sided"));
        return a;
    }

    /** The attributes a Get-Printer-Attributes request asked for ('all' when it asked for none). */
    static List<IppAttribute> requested(Context c, List<String> requested) {
        List<IppAttribute> all = all(c);
        if (requested == null || requested.isEmpty() || requested.contains("all")) {
            return all;
        }
        boolean template = requested.contains("job-template");
        boolean description = requested.contains("printer-description");
        return all.stream().filter(a -> requested.contains(a.name()) || (template && JOB_TEMPLATE.contains(a.name()))
                || (description && !JOB_TEMPLATE.contains(a.name()))).toList();
    }

    private static List<IppAttribute> size() {
        return List.of(of("x-dimension", Ipp.INTEGER, 21000), of("y-dimension", Ipp.INTEGER, 29700));
    }

    private static List<IppAttribute> a4Col() {
        return List.of(collection("media-size", size().toArray(IppAttribute[]::new)), of("media-size-name", Ipp.KEYWORD, A4));
    }

    private static String clip(String s) {
        return s.length() <= 127 ? s : s.substring(0, 127);
    }
}
