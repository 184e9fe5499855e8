package io.dualnet.report;

import io.dualnet.data.AtomicFiles;
import io.dualnet.data.InvalidInputException;
import io.dualnet.landscape.plane.Surface;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Loss-surface pictures (plain Java2D): a heat map or a contour map of a {@link Surface} with a colour bar, axes in
 * {@code alpha, beta} and the anchors marked (those outside the plotted square are left out), one panel or a grid of
 * panels in one PNG.
 */
public final class SurfacePlot {

    /** How a panel draws its surface. */
    public enum Style {
        /** Filled cells coloured by value, thin contour lines on top. */
        HEAT,
        /** Contour lines coloured by level on white. */
        CONTOUR,
        /**
         * {@link #HEAT} with colours and contour levels on a logarithmic scale of {@code f - min} (over
         * {@code LOG_DECADES} decades below {@code max - min}), which shows the basins that a steep corner of the
         * surface would flatten on a linear scale.
         */
        HEAT_LOG
    }

    /** Decades of {@code f - min} the logarithmic scale spans. */
    static final double LOG_DECADES = 3;

    /**
     * One panel.
     *
     * @param title panel title
     * @param surface the values
     * @param anchors {@code (alpha, beta)} of the points to mark (may be empty)
     * @param labels a label per anchor
     */
    public record Panel(String title, Surface surface, double[][] anchors, List<String> labels) {
        /** Validates that every anchor has a label. */
        public Panel {
            if (surface == null || anchors == null || labels == null || labels.size() != anchors.length) {
                throw new InvalidInputException("panel", title, "a surface and one label per anchor");
            }
        }
    }

    /** Contour levels drawn per panel. */
    static final int LEVELS = 12;
    private static final int PANEL = 300;
    private static final int MARGIN_LEFT = 46;
    private static final int MARGIN_TOP = 26;
    private static final int BAR = 14;
    private static final int CELL_WIDTH = MARGIN_LEFT + PANEL + 12 + BAR + 56;
    private static final int CELL_HEIGHT = MARGIN_TOP + PANEL + 36;
    private static final float[][] VIRIDIS = {
        {0.267f, 0.005f, 0.329f}, {0.283f, 0.141f, 0.458f}, {0.254f, 0.265f, 0.530f}, {0.207f, 0.372f, 0.553f},
        {0.164f, 0.471f, 0.558f}, {0.128f, 0.567f, 0.551f}, {0.135f, 0.659f, 0.518f}, {0.267f, 0.749f, 0.441f},
        {0.478f, 0.821f, 0.318f}, {0.741f, 0.873f, 0.150f}, {0.993f, 0.906f, 0.144f}};

    private SurfacePlot() {
    }

    /** The PNG bytes of {@code panels} laid out in {@code columns} columns. */
    public static byte[] png(List<Panel> panels, int columns, Style style) {
        int cols = Math.max(1, Math.min(columns, panels.size()));
        int rows = (panels.size() + cols - 1) / cols;
        BufferedImage image = new BufferedImage(cols * CELL_WIDTH, rows * CELL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int p = 0; p < panels.size(); p++) {
            draw(g, panels.get(p), (p % cols) * CELL_WIDTH, (p / cols) * CELL_HEIGHT, style);
        }
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes the PNG atomically and returns {@code file}. */
    public static Path savePng(List<Panel> panels, int columns, Style style, Path file) {
        byte[] bytes = png(panels, columns, style);
        AtomicFiles.write(file, out -> out.write(bytes));
        return file;
    }

    private static void draw(Graphics2D g, Panel panel, int x0, int y0, Style style) {
        Surface s = panel.surface();
        double[][] f = s.loss();
        double[] a = s.alphas();
        double[] b = s.betas();
        double lo = s.min();
        double hi = s.max();
        double span = hi > lo ? hi - lo : 1;
        int px = x0 + MARGIN_LEFT;
        int py = y0 + MARGIN_TOP;
        double aMin = a[0];
        double aMax = a[a.length - 1];
        double bMin = b[0];
        double bMax = b[b.length - 1];
        double aSpan = aMax > aMin ? aMax - aMin : 1;
        double bSpan = bMax > bMin ? bMax - bMin : 1;
        int ga = a.length;
        int gb = b.length;
        boolean log = style == Style.HEAT_LOG;
        if (style != Style.CONTOUR) {
            for (int j = 0; j < gb; j++) {
                for (int i = 0; i < ga; i++) {
                    int cx0 = px + (int) Math.floor((double) i * PANEL / ga);
                    int cx1 = px + (int) Math.floor((double) (i + 1) * PANEL / ga);
                    int cy1 = py + PANEL - (int) Math.floor((double) j * PANEL / gb);
                    int cy0 = py + PANEL - (int) Math.floor((double) (j + 1) * PANEL / gb);
                    g.setColor(colour(toUnit(f[j][i], lo, span, log)));
                    g.fillRect(cx0, cy0, Math.max(1, cx1 - cx0), Math.max(1, cy1 - cy0));
                }
            }
        }
        // Contours by marching squares on the grid points (cell centres of the heat map are the points).
        g.setStroke(new BasicStroke(style != Style.CONTOUR ? 0.7f : 1.3f));
        for (int level = 1; level < LEVELS; level++) {
            double t = (double) level / LEVELS;
            double v = fromUnit(t, lo, span, log);
            g.setColor(style != Style.CONTOUR ? new Color(255, 255, 255, 110) : colour(t));
            for (int j = 0; j + 1 < gb; j++) {
                for (int i = 0; i + 1 < ga; i++) {
                    double[] pts = new double[8];
                    int k = 0;
                    k = edge(pts, k, a[i], b[j], f[j][i], a[i + 1], b[j], f[j][i + 1], v);
                    k = edge(pts, k, a[i + 1], b[j], f[j][i + 1], a[i + 1], b[j + 1], f[j + 1][i + 1], v);
                    k = edge(pts, k, a[i + 1], b[j + 1], f[j + 1][i + 1], a[i], b[j + 1], f[j + 1][i], v);
                    k = edge(pts, k, a[i], b[j + 1], f[j + 1][i], a[i], b[j], f[j][i], v);
                    for (int e = 0; e + 3 < k; e += 4) {
                        g.draw(new Line2D.Double(sx(pts[e], px, aMin, aSpan, ga), sy(pts[e + 1], py, bMin, bSpan, gb),
                                sx(pts[e + 2], px, aMin, aSpan, ga), sy(pts[e + 3], py, bMin, bSpan, gb)));
                    }
                }
            }
        }
        g.setStroke(new BasicStroke(1f));
        g.setColor(Color.DARK_GRAY);
        g.drawRect(px, py, PANEL, PANEL);
        Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
        g.setFont(small);
        for (int t = 0; t <= 4; t++) {
            double va = aMin + aSpan * t / 4;
            double vb = bMin + bSpan * t / 4;
            int tx = (int) sx(va, px, aMin, aSpan, ga);
            int ty = (int) sy(vb, py, bMin, bSpan, gb);
            g.drawLine(tx, py + PANEL, tx, py + PANEL + 4);
            g.drawString(fmt(va), tx - 12, py + PANEL + 15);
            g.drawLine(px - 4, ty, px, ty);
            g.drawString(fmt(vb), px - 40, ty + 4);
        }
        g.drawString("alpha", px + PANEL / 2 - 12, py + PANEL + 29);
        g.drawString("beta", x0 + 2, py - 6);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(panel.title(), px, y0 + 16);
        g.setFont(small);
        for (int k = 0; k < panel.anchors().length; k++) {
            double[] at = panel.anchors()[k];
            if (!(at[0] >= aMin && at[0] <= aMax && at[1] >= bMin && at[1] <= bMax)) {
                continue;
            }
            double ax = sx(panel.anchors()[k][0], px, aMin, aSpan, ga);
            double ay = sy(panel.anchors()[k][1], py, bMin, bSpan, gb);
            g.setColor(Color.WHITE);
            g.fill(new Ellipse2D.Double(ax - 4.5, ay - 4.5, 9, 9));
            g.setColor(Color.RED.darker());
            g.setStroke(new BasicStroke(2f));
            g.draw(new Ellipse2D.Double(ax - 4.5, ay - 4.5, 9, 9));
            g.setStroke(new BasicStroke(1f));
            g.setColor(Color.BLACK);
            g.drawString(panel.labels().get(k), (float) ax + 6, (float) ay - 5);
        }
        int bx = px + PANEL + 12;
        for (int r = 0; r < PANEL; r++) {
            g.setColor(colour(1 - (double) r / (PANEL - 1)));
            g.fillRect(bx, py + r, BAR, 1);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(bx, py, BAR, PANEL);
        for (int t = 0; t <= 4; t++) {
            int ty = py + PANEL - PANEL * t / 4;
            g.drawLine(bx + BAR, ty, bx + BAR + 3, ty);
            g.drawString(String.format(Locale.ROOT, "%.3g", fromUnit(t / 4.0, lo, span, log)), bx + BAR + 5, ty + 4);
        }
        g.drawString("loss", bx, py - 6);
    }

    /** The colour-scale position in {@code [0, 1]} of value {@code v}. */
    static double toUnit(double v, double lo, double span, boolean log) {
        double t = (v - lo) / span;
        if (!log) {
            return t;
        }
        double floor = Math.pow(10, -LOG_DECADES);
        return Math.max(0, Math.log10(Math.max(t, floor)) / LOG_DECADES + 1);
    }

    /** The value at colour-scale position {@code t} (the inverse of {@link #toUnit}; {@code lo} at 0). */
    static double fromUnit(double t, double lo, double span, boolean log) {
        if (!log) {
            return lo + t * span;
        }
        return t <= 0 ? lo : lo + span * Math.pow(10, LOG_DECADES * (t - 1));
    }

    /** Appends the crossing of level {@code v} on the edge {@code p -> q} (if any) to {@code pts}. */
    private static int edge(double[] pts, int k, double pa, double pb, double pv, double qa, double qb, double qv,
            double v) {
        if ((pv < v) == (qv < v) || k >= 8) {
            return k;
        }
        double t = (v - pv) / (qv - pv);
        pts[k] = pa + t * (qa - pa);
        pts[k + 1] = pb + t * (qb - pb);
        return k + 2;
    }

    /** Screen x of {@code alpha}: grid points sit at the centres of the heat map's cells. */
    private static double sx(double alpha, int px, double aMin, double aSpan, int g) {
        double cell = (double) PANEL / g;
        return px + cell / 2 + (alpha - aMin) / aSpan * (PANEL - cell);
    }

    private static double sy(double beta, int py, double bMin, double bSpan, int g) {
        double cell = (double) PANEL / g;
        return py + PANEL - cell / 2 - (beta - bMin) / bSpan * (PANEL - cell);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2g", Math.abs(v) < 1e-12 ? 0 : v);
    }

    /** Viridis at {@code t in [0, 1]} (linear interpolation between 11 stops). */
    static Color colour(double t) {
        double u = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t)) * (VIRIDIS.length - 1);
        int k = Math.min(VIRIDIS.length - 2, (int) Math.floor(u));
        float w = (float) (u - k);
        float[] c0 = VIRIDIS[k];
        float[] c1 = VIRIDIS[k + 1];
        return new Color(c0[0] + w * (c1[0] - c0[0]), c0[1] + w * (c1[1] - c0[1]), c0[2] + w * (c1[2] - c0[2]));
    }
}
