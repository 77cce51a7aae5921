package dk.brevrute.intake.printer;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dk.brevrute.intake.printer.IppAttribute.Value;

/**
 * The job template attributes a print job may carry (RFC 8011 section 5.2) and the values this
 * printer takes. A letter is not printed here, so the accepted ones change nothing; the others are
 * reported as unsupported (and refuse the job only when the client asked for ipp-attribute-fidelity).
 */
final class JobTemplate {

    enum Verdict {
        SUPPORTED,
        UNSUPPORTED_VALUE,
        UNSUPPORTED_ATTRIBUTE
    }

    private static final Map<String, Predicate<Value>> SUPPORTED = Map.ofEntries(
            Map.entry("copies", v -> Integer.valueOf(1).equals(v.value())),
            Map.entry("media", v -> PrinterAttributes.A4.equals(v.value())),
            Map.entry("media-col", JobTemplate::a4),
            Map.entry("sides", v -> "one-sided".equals(v.value())),
            Map.entry("orientation-requested", v -> v.value() instanceof Integer i && i >= 3 && i <= 6),
            Map.entry("print-quality", v -> v.value() instanceof Integer i && i >= 3 && i <= 5),
            Map.entry("finishings", v -> Integer.valueOf(3).equals(v.value())),
            Map.entry("job-priority", v -> v.value() instanceof Integer i && i >= 1 && i <= 100),
            Map.entry("job-hold-until", v -> "no-hold".equals(v.value())),
            Map.entry("job-sheets", v -> "none".equals(v.value())),
            Map.entry("number-up", v -> Integer.valueOf(1).equals(v.value())),
            Map.entry("print-color-mode", v -> List.of("auto", "monochrome", "color").contains(v.value())),
            Map.entry("printer-resolution", v -> v.value() instanceof IppAttribute.Resolution));

    private JobTemplate() {
    }

    static Verdict check(IppAttribute a) {
        Predicate<Value> accepts = SUPPORTED.get(a.name());
        if (accepts == null) {
            return Verdict.UNSUPPORTED_ATTRIBUTE;
        }
        return a.values().stream().allMatch(accepts) ? Verdict.SUPPORTED : Verdict.UNSUPPORTED_VALUE;
    }

    /** A media-col that asks for A4 (within a millimetre) or says nothing about the size. */
    private static boolean a4(Value v) {
        if (!(v.value() instanceof List<?>)) {
            return false;
        }
        IppAttribute col = new IppAttribute("media-col", List.of(v));
        IppAttribute name = col.member("media-size-name");
        if (name != null && !PrinterAttributes.A4.equals(name.string())) {
            return false;
        }
        IppAttribute size = col.member("media-size");
        if (size == null) {
            return true;
        }
        IppAttribute x = size.member("x-dimension");
        IppAttribute y = size.member("y-dimension");
        return x != null && y != null && x.integer() != null && y.integer() != null && Math.abs(x.integer() - 21000) <= 100
                && Math.abs(y.integer() - 29700) <= 100;
    }
}
