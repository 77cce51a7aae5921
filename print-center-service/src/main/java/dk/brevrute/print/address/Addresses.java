package dk.brevrute.print.address;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dk.brevrute.events.PostalAddress;

/**
 * Postal addresses as lines on a sheet and back: parsing the address block a letter shows in its
 * window, writing the lines of an address carrier sheet, and the normalised form that recognises two
 * letters to the same address.
 */
public final class Addresses {

    private static final Pattern DANISH_POSTCODE_LINE = Pattern.compile("^(?:DK[- ]?)?(\\d{4})\\s+(\\S.*)$");
    private static final Pattern FOREIGN_POSTCODE_LINE = Pattern.compile("^(?:[A-Z]{1,2}[- ])?([A-Z0-9][A-Z0-9 -]{1,9}?\\d[A-Z0-9-]*)\\s+(\\S.*)$",
            Pattern.CASE_INSENSITIVE);
    private static final Map<String, String> COUNTRIES = countries();

    private Addresses() {
    }

    /**
     * The address in a window's lines: name, street, optional supplement lines, postcode and city,
     * and for a foreign address the country as the last line. Empty when the lines are not an address.
     */
    public static Optional<PostalAddress> parse(List<String> rawLines) {
        List<String> lines = rawLines.stream().map(l -> l.strip().replaceAll("\\s+", " ")).filter(l -> !l.isEmpty()).toList();
        if (lines.size() < 3) {
            return Optional.empty();
        }
        String last = lines.get(lines.size() - 1);
        Matcher danish = DANISH_POSTCODE_LINE.matcher(last);
        if (danish.matches()) {
            return Optional.of(build(lines.subList(0, lines.size() - 1), danish.group(1), danish.group(2), "DK"));
        }
        String country = COUNTRIES.get(key(last));
        if (country != null && lines.size() >= 4) {
            Matcher m = (country.equals("DK") ? DANISH_POSTCODE_LINE : FOREIGN_POSTCODE_LINE).matcher(lines.get(lines.size() - 2));
            if (!m.matches()) {
                return Optional.empty();
            }
            return Optional.of(build(lines.subList(0, lines.size() - 2), m.group(1).strip(), m.group(2), country));
        }
        return Optional.empty();
    }

    private static PostalAddress build(List<String> head, String postcode, String city, String country) {
        if (head.size() < 2) {
            return null;
        }
        String supplement = head.size() > 2 ? String.join(", ", head.subList(2, head.size())) : null;
        return new PostalAddress(head.get(0), head.get(1), supplement, postcode, city.strip(), country);
    }

    /** The lines to print in the window: a foreign address ends with its country in capitals (in English). */
    public static List<String> lines(PostalAddress a) {
        List<String> lines = new ArrayList<>();
        add(lines, a.name());
        add(lines, a.street());
        add(lines, a.supplement());
        String country = country(a);
        lines.add(((a.postcode() == null ? "" : a.postcode() + " ") + (a.city() == null ? "" : a.city())).strip());
        if (!country.equals("DK")) {
            String name = new Locale("", country).getDisplayCountry(Locale.ENGLISH);
            lines.add((name.isBlank() ? country : name).toUpperCase(Locale.ENGLISH));
        }
        return lines;
    }

    public static String country(PostalAddress a) {
        return a.country() == null || a.country().isBlank() ? "DK" : a.country().strip().toUpperCase(Locale.ROOT);
    }

    /** The same address written differently (case, spacing, punctuation, accents) normalises to the same text. */
    public static String normalised(PostalAddress a) {
        return String.join("|", norm(a.name()), norm(a.street()), norm(a.supplement()), norm(a.postcode()), norm(a.city()), country(a));
    }

    private static String norm(String s) {
        if (s == null) {
            return "";
        }
        String t = s.toLowerCase(Locale.ROOT).replace("æ", "ae").replace("ø", "oe").replace("å", "aa");
        t = Normalizer.normalize(t, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return t.replaceAll("[^a-z0-9]+", " ").strip();
    }

    private static void add(List<String> lines, String s) {
        if (s != null && !s.isBlank()) {
            lines.add(s.strip());
        }
    }

    private static String key(String s) {
        return Normalizer.normalize(s.toUpperCase(Locale.ROOT), Normalizer.Form.NFC).replaceAll("[^\\p{L}]", "");
    }

    /** Country names in English and Danish (and ISO codes), upper-case without spaces, to ISO codes. */
    private static Map<String, String> countries() {
        Map<String, String> m = new HashMap<>();
        Locale danish = Locale.forLanguageTag("da");
        for (String iso : Locale.getISOCountries()) {
            Locale l = new Locale("", iso);
            m.put(key(l.getDisplayCountry(Locale.ENGLISH)), iso);
            m.put(key(l.getDisplayCountry(danish)), iso);
            m.put(key(l.getDisplayCountry(Locale.FRENCH)), iso);
        }
        m.put("DANMARK", "DK");
        m.put("DENMARK", "DK");
        m.put("UK", "GB");
        m.put("ENGLAND", "GB");
        m.put("USA", "US");
        return m;
    }
}
