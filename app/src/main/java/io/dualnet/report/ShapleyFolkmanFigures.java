package io.dualnet.report;

import io.dualnet.landscape.MinkowskiAverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Figure 3 of Zhang, Shao, Salakhutdinov, reproduced: panels of the Minkowski average of {@code k} copies of the
 * {@code l_p} ball (exact boundary, and sampled averages of random points) beside its convex hull, and the measured
 * non-convexity (Hausdorff distance to the hull) against {@code k}. Shared by the report and the command line.
 */
public final class ShapleyFolkmanFigures {
    /** Pixels of one square panel. */
    public static final int PANEL = 420;

    private ShapleyFolkmanFigures() {
    }

    /**
     * One panel per number of copies, then the hull: each set drawn filled (uniform points inside its exact boundary)
     * with its boundary and the hull's.
     *
     * @param samples points drawn per panel to fill the set (0 for outlines only)
     */
    public static List<LinePlot> panels(MinkowskiAverage ball, int[] copies, int samples, long seed) {
        List<LinePlot> out = new ArrayList<>();
        double[][] hull = MinkowskiAverage.hullBoundary();
        String name = String.format(Locale.ROOT, "l_%s ball", trim(ball.exponent()));
        for (int k : copies) {
            String title = k == 1 ? name : String.format(Locale.ROOT, "average of %d %ss", k, name);
            double[][] b = ball.boundary(k, Math.max(24, 240 / k));
            LinePlot p = square(title);
            if (samples > 0) {
                double[][] s = ball.fill(k, samples, seed + k);
                p.scatter("A_" + k + " (filled)", s[0], s[1]);
            }
            out.add(p.line("boundary of A_" + k, b[0], b[1]).line("conv", hull[0], hull[1]));
        }
        LinePlot last = square("convex hull (average of infinitely many)");
        if (samples > 0) {
            double[][] s = new MinkowskiAverage(1).fill(1, samples, seed);
            last.scatter("conv (filled)", s[0], s[1]);
        }
        out.add(last.line("conv", hull[0], hull[1]));
        return out;
    }

    private static LinePlot square(String title) {
        return new LinePlot(title).size(PANEL, PANEL).xRange(-1.1, 1.1).yRange(-1.1, 1.1).markers(false)
                .markerSize(2);
    }

    /** The Hausdorff distance to the hull, measured and predicted ({@code d_1 / k}), for {@code k = 1..maxCopies}. */
    public static double[][] nonconvexity(MinkowskiAverage ball, int[] copies, int resolution) {
        double d1 = ball.hausdorffToHull(1, resolution);
        double[] k = new double[copies.length];
        double[] measured = new double[copies.length];
        double[] predicted = new double[copies.length];
        for (int i = 0; i < copies.length; i++) {
            k[i] = copies[i];
            measured[i] = ball.hausdorffToHull(copies[i], resolution);
            predicted[i] = d1 / copies[i];
        }
        return new double[][] {k, measured, predicted};
    }

    /** The log-log plot of {@link #nonconvexity}. */
    public static LinePlot nonconvexityPlot(MinkowskiAverage ball, double[][] curve) {
        return new LinePlot(String.format(Locale.ROOT, "Non-convexity of the average of k l_%s balls",
                trim(ball.exponent()))).xTitle("k (copies averaged)").yTitle("Hausdorff distance to the convex hull")
                .logX().logY().markers(false).scatter("measured (polygons)", curve[0], curve[1])
                .line("d_1 / k (exact boundary)", curve[0], curve[2]);
    }

    /** Copies 1, 2, 3, 4, 6, 8, 12, ... up to {@code max}, roughly geometric. */
    public static int[] copiesUpTo(int max) {
        List<Integer> out = new ArrayList<>();
        for (int k = 1; k <= max; k = Math.max(k + 1, (int) Math.round(k * 1.5))) {
            out.add(k);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String trim(double p) {
        return p == 0.5 ? "1/2" : Double.toString(p);
    }
}
