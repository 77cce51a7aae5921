package dk.brevrute.intake.validation;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import dk.brevrute.events.Department;
import dk.brevrute.events.LetterRequested;
import dk.brevrute.events.PostalAddress;
import dk.brevrute.events.Recipient;

/**
 * Checks a letter request's metadata, one violation per problem. The document itself is checked by
 * {@link PdfInspector} once its bytes are known. Messages never quote a CPR number.
 */
public final class LetterValidator {

    public static final int SUBJECT_MAX = 200;
    public static final int SENDER_REFERENCE_MAX = 100;
    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    private LetterValidator() {
    }

    public static Violations validate(Department caller, LetterRequested request) {
        Violations v = new Violations();
        if (request.department() != null && !request.department().equals(caller.id())) {
            v.add(ViolationCode.DEPARTMENT_MISMATCH, "department",
                    "the request says department " + safe(request.department()) + " but comes from " + caller.id());
        }
        String ref = request.senderReference();
        if (ref == null || ref.isBlank()) {
            v.add(ViolationCode.SENDER_REFERENCE_MISSING, "senderReference", "the sender's reference is required");
        } else if (ref.length() > SENDER_REFERENCE_MAX || !ref.matches("[\\p{L}\\p{N}._:/-]+")) {
            v.add(ViolationCode.SENDER_REFERENCE_INVALID, "senderReference",
                    "the sender's reference must be 1-" + SENDER_REFERENCE_MAX + " letters, digits or . _ : / -");
        }
        recipient(request.recipient(), v);
        String subject = request.subject();
        if (subject == null || subject.isBlank()) {
            v.add(ViolationCode.SUBJECT_MISSING, "subject", "a subject is required");
        } else if (subject.codePointCount(0, subject.length()) > SUBJECT_MAX) {
            v.add(ViolationCode.SUBJECT_TOO_LONG, "subject", "the subject has more than " + SUBJECT_MAX + " characters");
        }
        if (request.postageClass() == null) {
            v.add(ViolationCode.POSTAGE_CLASS_INVALID, "postageClass", "postage class A or B is required");
        }
        Integer unread = request.printIfUnreadAfterDays();
        if (unread != null && (unread < 1 || unread > 365)) {
            v.add(ViolationCode.PRINT_IF_UNREAD_INVALID, "printIfUnreadAfterDays", "must be between 1 and 365 days");
        }
        Instant notBefore = request.notBefore();
        if (notBefore != null && notBefore.isAfter(Instant.now().plusSeconds(366L * 24 * 3600))) {
            v.add(ViolationCode.NOT_BEFORE_INVALID, "notBefore", "a letter can be scheduled at most a year ahead");
        }
        String costCentre = request.costCentre();
        if (costCentre != null && (costCentre.length() > 40 || !costCentre.matches("[\\p{L}\\p{N}._-]*"))) {
            v.add(ViolationCode.COST_CENTRE_INVALID, "costCentre", "a cost centre is up to 40 letters, digits or . _ -");
        }
        return v;
    }

    private static void recipient(Recipient r, Violations v) {
        if (r == null || (r.cpr() == null && r.cvr() == null && r.address() == null)) {
            v.add(ViolationCode.RECIPIENT_MISSING, "recipient", "a recipient by CPR number, CVR number or postal address is required");
            return;
        }
        if (r.cpr() != null && r.cvr() != null) {
            v.add(ViolationCode.RECIPIENT_AMBIGUOUS, "recipient", "give either a CPR or a CVR number, not both");
        }
        if (r.type() != null) {
            boolean consistent = switch (r.type()) {
                case CPR -> r.cpr() != null;
                case CVR -> r.cvr() != null;
                case ADDRESS -> r.cpr() == null && r.cvr() == null && r.address() != null;
            };
            if (!consistent) {
                v.add(ViolationCode.RECIPIENT_AMBIGUOUS, "recipient.type", "the recipient type " + r.type() + " does not match the identifiers given");
            }
        }
        if (r.cpr() != null && CprNumber.parse(r.cpr()).isEmpty()) {
            v.add(ViolationCode.CPR_INVALID, "recipient.cpr", "not a CPR number: 10 digits (DDMMYY-SSSS) with a real birth date");
        }
        if (r.cvr() != null && !r.cvr().strip().matches("[0-9]{8}")) {
            v.add(ViolationCode.CVR_INVALID, "recipient.cvr", "a CVR number has 8 digits");
        }
        if (r.address() != null) {
            address(r.address(), v);
        }
    }

    private static void address(PostalAddress a, Violations v) {
        if (blank(a.name()) || blank(a.street()) || blank(a.city())) {
            v.add(ViolationCode.ADDRESS_INCOMPLETE, "recipient.address", "a postal address needs name, street and city");
        }
        String country = a.country() == null ? "DK" : a.country().strip().toUpperCase(Locale.ROOT);
        if (!ISO_COUNTRIES.contains(country)) {
            v.add(ViolationCode.COUNTRY_INVALID, "recipient.address.country", "country must be an ISO 3166 code such as DK or SE");
        } else if (country.equals("DK")) {
            if (a.postcode() == null || !a.postcode().strip().matches("[0-9]{4}")) {
                v.add(ViolationCode.POSTCODE_INVALID, "recipient.address.postcode", "a Danish postcode has 4 digits");
            }
        } else if (blank(a.postcode()) && !country.matches("HK|IE|AE|QA")) {
            v.add(ViolationCode.POSTCODE_INVALID, "recipient.address.postcode", "a postcode is required for " + country);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Department values from requests are echoed only when they look like department ids. */
    private static String safe(String s) {
        return s.matches("[A-Za-z0-9-]{1,16}") ? s : "(invalid)";
    }
}
