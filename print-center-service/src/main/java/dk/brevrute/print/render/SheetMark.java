package dk.brevrute.print.render;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.datamatrix.DataMatrixWriter;
import com.google.zxing.datamatrix.encoder.SymbolShapeHint;

/**
 * The machine-readable mark on the front of every sheet, for the inserting machine: a Data Matrix
 * code saying which envelope the sheet belongs to and which sheet of how many it is, so the machine
 * knows when an envelope is complete. Content: {@code BR1;<batch>;<envelope>;<sheet>;<sheets>}, the
 * batch as the first 8 hex digits of its id.
 */
public record SheetMark(String batch, int envelope, int sheet, int sheets) {

    /** Size of one module, in points; an integer number of pixels at 144 dpi. */
    static final float MODULE = 1.5f;
    /** White margin around the code, in modules (Data Matrix needs one; two to be safe over letter content). */
    static final int QUIET = 2;
    /** Lower-left corner of the mark's white area, in points from the page's lower-left corner. */
    public static final float X = 22f;
    public static final float Y = 22f;

    public static SheetMark of(UUID batchId, int envelope, int sheet, int sheets) {
        return new SheetMark(batchId.toString().substring(0, 8), envelope, sheet, sheets);
    }

    public String content() {
        return "BR1;" + batch + ";" + envelope + ";" + sheet + ";" + sheets;
    }

    /** Parses what a reader decoded; the inverse of {@link #content()}. */
    public static SheetMark parse(String content) {
        String[] p = content.split(";");
        if (p.length != 5 || !p[0].equals("BR1")) {
            throw new IllegalArgumentException("not a Brevrute sheet mark");
        }
        return new SheetMark(p[1], Integer.parseInt(p[2]), Integer.parseInt(p[3]), Integer.parseInt(p[4]));
    }

    BitMatrix matrix() {
        return new DataMatrixWriter().encode(content(), BarcodeFormat.DATA_MATRIX, 0, 0,
                Map.of(EncodeHintType.DATA_MATRIX_SHAPE, SymbolShapeHint.FORCE_SQUARE));
    }

    /** Side of the white area the mark occupies, in points. */
    public static float extent(int modules) {
        return (modules + 2 * QUIET) * MODULE;
    }

    /**
     * Content-stream operators that draw the mark (a white field, then one black rectangle per run
     * of dark modules), wrapped in q/Q so they leave the graphics state as they found it.
     */
    byte[] operators(float originX, float originY) {
        BitMatrix m = matrix();
        int w = m.getWidth();
        int h = m.getHeight();
        StringBuilder sb = new StringBuilder(64 + w * h * 8);
        float side = (w + 2 * QUIET) * MODULE;
        sb.append("q 1 g ").append(f(originX)).append(' ').append(f(originY)).append(' ').append(f(side)).append(' ')
                .append(f((h + 2 * QUIET) * MODULE)).append(" re f 0 g\n");
        float left = originX + QUIET * MODULE;
        float top = originY + (h + QUIET) * MODULE;
        for (int row = 0; row < h; row++) {
            int col = 0;
            while (col < w) {
                if (!m.get(col, row)) {
                    col++;
                    continue;
                }
                int start = col;
                while (col < w && m.get(col, row)) {
                    col++;
                }
                float x = left + start * MODULE;
                float y = top - (row + 1) * MODULE;
                sb.append(f(x)).append(' ').append(f(y)).append(' ').append(f((col - start) * MODULE)).append(' ')
                        .append(f(MODULE)).append(" re\n");
            }
        }
        sb.append("f Q\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String f(float v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
