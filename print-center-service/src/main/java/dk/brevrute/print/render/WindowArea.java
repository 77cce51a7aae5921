package dk.brevrute.print.render;

import java.awt.geom.Rectangle2D;

/**
 * Where the envelope window shows the sheet, in millimetres from the sheet's top-left corner
 * (DIN 5008 / C5 window: about 20 mm from the left, 45-90 mm from the top, 90 mm wide).
 */
public record WindowArea(float leftMm, float topMm, float widthMm, float heightMm) {

    public static final WindowArea DIN_C5 = new WindowArea(20, 45, 90, 45);

    /** The area in PDF points, measured from the top (as PDFBox's text stripper regions are). */
    public Rectangle2D fromTopInPoints() {
        return new Rectangle2D.Float(pt(leftMm), pt(topMm), pt(widthMm), pt(heightMm));
    }

    public static float pt(float mm) {
        return mm / 25.4f * 72f;
    }
}
