package dk.brevrute.ledger.plan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Table 1 of the 2009 decision "E-boks til borgerne", exactly as shipped in
 * {@code businesscase/business-case-2009.csv} (a copy of the reference file): thousands of DKK at
 * 2009 prices, negative = cost. Source cells are served verbatim; {@link #derived()} computes every
 * cell that follows from others and shows where the source's rounding differs.
 */
public record Table1(List<Integer> years, Map<String, Map<Integer, Long>> lines, List<String> notes) {

    public static final String RESOURCE = "businesscase/business-case-2009.csv";

    public static final String INVESTMENT_TOTAL = "investment_total";
    public static final String FROM_INVESTMENT_POOL = "from_investment_pool";
    public static final String FROM_DEPARTMENTS = "from_departments";
    public static final String GAIN_TOTAL = "gain_total";
    public static final String NET_RETURN_DEPARTMENTS = "net_return_departments";
    public static final String NET_RETURN_PRIORITY_POOL = "net_return_priority_pool";
    public static final String TECHNICAL_GAIN = "technical_gain_to_priority_pool";

    /** The decision's own (Danish) line labels. */
    public static final Map<String, String> LABELS = Map.of(
            INVESTMENT_TOTAL, "Investering i alt",
            FROM_INVESTMENT_POOL, "Fra investeringspuljen",
            FROM_DEPARTMENTS, "Fra fagforvaltningerne",
            GAIN_TOTAL, "Gevinst i alt",
            NET_RETURN_DEPARTMENTS, "Nettoafkast til forvaltningerne",
            NET_RETURN_PRIORITY_POOL, "Nettoafkast til prioriteringsrum",
            TECHNICAL_GAIN, "Teknisk driftsgevinst til prioriteringsrum, som \"veksles\" til anlægsmidler");

    private static final BigDecimal HALF = new BigDecimal("0.5");

    /** A cell computed from its parts, beside the source cell. */
    public record DerivedCell(String line, int year, String formula, long source, BigDecimal computed, BigDecimal difference) {
        /** The source rounds to whole t.kr.; a difference of at most 1 is that rounding. */
        public boolean withinSourceRounding() {
            return difference.abs().compareTo(BigDecimal.ONE) <= 0;
        }
    }

    public Table1 {
        years = List.copyOf(years);
        Map<String, Map<Integer, Long>> copy = new LinkedHashMap<>();
        lines.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        lines = java.util.Collections.unmodifiableMap(copy);
        notes = List.copyOf(notes);
    }

    public static Table1 load() {
        try (InputStream in = Table1.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the module");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Comment lines start with '#'; then a header {@code line,<year>...} and one row per line. */
    public static Table1 parse(Reader source) throws IOException {
        BufferedReader reader = new BufferedReader(source);
        List<String> notes = new ArrayList<>();
        List<Integer> years = null;
        Map<String, Map<Integer, Long>> lines = new LinkedHashMap<>();
        String row;
        while ((row = reader.readLine()) != null) {
            if (row.isBlank()) {
                continue;
            }
            if (row.startsWith("#")) {
                notes.add(row.substring(1).strip());
                continue;
            }
            String[] cells = row.split(",", -1);
            if (years == null) {
                if (!cells[0].strip().equals("line")) {
                    throw new IllegalArgumentException("Table 1 header must start with 'line'");
                }
                years = new ArrayList<>();
                for (int i = 1; i < cells.length; i++) {
                    years.add(Integer.parseInt(cells[i].strip()));
                }
                continue;
            }
            if (cells.length != years.size() + 1) {
                throw new IllegalArgumentException("Table 1 line " + cells[0] + " has " + (cells.length - 1) + " cells, not " + years.size());
            }
            Map<Integer, Long> values = new LinkedHashMap<>();
            for (int i = 1; i < cells.length; i++) {
                values.put(years.get(i - 1), Long.parseLong(cells[i].strip()));
            }
            lines.put(cells[0].strip(), values);
        }
        if (years == null) {
            throw new IllegalArgumentException("Table 1 has no header");
        }
        return new Table1(years, lines, notes);
    }

    public long cell(String line, int year) {
        Map<Integer, Long> values = lines.get(line);
        if (values == null || !values.containsKey(year)) {
            throw new IllegalArgumentException("Table 1 has no cell " + line + " " + year);
        }
        return values.get(year);
    }

    public int firstYear() {
        return years.get(0);
    }

    public int lastYear() {
        return years.get(years.size() - 1);
    }

    /** Every derived cell, year by year: the investment total, the gain total and its 50/50 split. */
    public List<DerivedCell> derived() {
        List<DerivedCell> cells = new ArrayList<>();
        for (int y : years) {
            cells.add(cell(INVESTMENT_TOTAL, y, FROM_INVESTMENT_POOL + " + " + FROM_DEPARTMENTS,
                    BigDecimal.valueOf(cell(FROM_INVESTMENT_POOL, y) + cell(FROM_DEPARTMENTS, y))));
            cells.add(cell(GAIN_TOTAL, y, NET_RETURN_DEPARTMENTS + " + " + NET_RETURN_PRIORITY_POOL,
                    BigDecimal.valueOf(cell(NET_RETURN_DEPARTMENTS, y) + cell(NET_RETURN_PRIORITY_POOL, y))));
            BigDecimal half = BigDecimal.valueOf(cell(GAIN_TOTAL, y)).multiply(HALF);
            cells.add(cell(NET_RETURN_DEPARTMENTS, y, "50% x " + GAIN_TOTAL, half));
            cells.add(cell(NET_RETURN_PRIORITY_POOL, y, "50% x " + GAIN_TOTAL, half));
        }
        return List.copyOf(cells);
    }

    private DerivedCell cell(String line, int year, String formula, BigDecimal computed) {
        BigDecimal normalised = computed.stripTrailingZeros();
        if (normalised.scale() < 0) {
            normalised = normalised.setScale(0);
        }
        long source = cell(line, year);
        return new DerivedCell(line, year, formula, source, normalised, normalised.subtract(BigDecimal.valueOf(source)));
    }

    /**
     * The plan's gross saving of a year, read the way the decision does: the departments first fund
     * their part of the year's investment out of the savings, so gross = their contribution + the gain.
     */
    public long grossSaving(int year) {
        return -cell(FROM_DEPARTMENTS, year) + cell(GAIN_TOTAL, year);
    }
}
