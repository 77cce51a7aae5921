package dk.brevrute.ledger.report;

import java.math.BigDecimal;
import java.util.List;

/**
 * CSV a Danish spreadsheet opens as it is: UTF-8 with a byte-order mark, ';' between cells, decimal
 * comma, no thousands separator, CRLF line ends. Text cells are quoted when needed, and a text cell
 * that a spreadsheet would take for a formula gets a leading apostrophe.
 */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv; charset=UTF-8";
    static final char BOM = '\uFEFF';

    private final StringBuilder out = new StringBuilder().append(BOM);

    public Csv row(List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(';');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
        return this;
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString().replace('.', ',');
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(';') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
