package io.dualnet.landscape;

import io.dualnet.data.InvalidInputException;

import java.util.Random;

/**
 * The Shapley-Folkman picture of Zhang, Shao, Salakhutdinov (Figure 3): the Minkowski average
 * {@code A_k = (1/k)(B + ... + B)} of {@code k} copies of the unit {@code l_p} ball {@code B = {|x|^p + |y|^p <= 1}},
 * {@code 0 < p <= 1}, which tends to the convex hull {@code conv B} (the {@code l_1} ball) as {@code k} grows.
 *
 * <p>Exact boundary: in each quadrant the arc of {@code B} is the graph of a convex function, so maximizing one
 * coordinate of a sum of {@code k} arc points with the other fixed puts all but one of them at the two vertices
 * (maximizing a convex function over a polytope). Hence the boundary of {@code A_k} is a chain of {@code k} copies
 * of the arc scaled by {@code 1/k}, joining the points {@code (m/k, 1 - m/k)} of the hull's edge, and the Hausdorff
 * distance to the hull is exactly {@code d_H(A_1, conv B) / k} (for {@code p = 1/2}: {@code sqrt(2) / (4k)}). The
 * distance is also measured numerically on the polygons ({@link #hausdorffToHull}), the check of this derivation.
 */
public final class MinkowskiAverage {
    private final double p;

    /** The average of copies of the unit {@code l_p} ball, {@code 0 < p <= 1}. */
    public MinkowskiAverage(double p) {
        if (!(p > 0 && p <= 1)) {
            throw new InvalidInputException("p", p, "an exponent in (0, 1]");
        }
        this.p = p;
    }

    /** The exponent {@code p}. */
    public double exponent() {
        return p;
    }

    /** Point {@code s in [0, 1]} of the quadrant arc from {@code (0, 1)} to {@code (1, 0)}: {@code (s^(1/p), (1-s)^(1/p))}. */
    private double[] arc(double s) {
        return new double[] {Math.pow(s, 1 / p), Math.pow(1 - s, 1 / p)};
    }

    /**
     * The closed boundary of {@code A_k} (counter-clockwise from {@code (1, 0)}): {@code {x[], y[]}}, with
     * {@code pointsPerArc} points per scaled arc.
     */
    public double[][] boundary(int copies, int pointsPerArc) {
        InvalidInputException.requireAtLeast("copies", copies, 1);
        InvalidInputException.requireAtLeast("pointsPerArc", pointsPerArc, 2);
        int quarter = copies * (pointsPerArc - 1);
        double[] qx = new double[quarter + 1];
        double[] qy = new double[quarter + 1];
        int i = 0;
        for (int m = 0; m < copies; m++) {
            for (int j = m == 0 ? 0 : 1; j < pointsPerArc; j++) {
                double[] a = arc((double) j / (pointsPerArc - 1));
                qx[i] = (m + a[0]) / copies;
                qy[i] = (copies - 1 - m + a[1]) / copies;
                i++;
            }
        }
        // qx increases from 0 to 1 along the first-quadrant chain, from (0, 1) to (1, 0).
        int n = 4 * quarter + 1;
        double[] x = new double[n];
        double[] y = new double[n];
        int k = 0;
        for (int j = quarter; j >= 0; j--) {        // (1,0) -> (0,1): first quadrant, reversed
            x[k] = qx[j];
            y[k++] = qy[j];
        }
        for (int j = 1; j <= quarter; j++) {        // (0,1) -> (-1,0)
            x[k] = -qx[j];
            y[k++] = qy[j];
        }
        for (int j = quarter - 1; j >= 0; j--) {    // (-1,0) -> (0,-1)
            x[k] = -qx[j];
            y[k++] = -qy[j];
        }
        for (int j = 1; j < quarter; j++) {         // (0,-1) -> (1,0)
            x[k] = qx[j];
            y[k++] = -qy[j];
        }
        x[k] = x[0];
        y[k] = y[0];
        return new double[][] {java.util.Arrays.copyOf(x, k + 1), java.util.Arrays.copyOf(y, k + 1)};
    }

    /** The boundary of {@code conv B}, the {@code l_1} diamond. */
    public static double[][] hullBoundary() {
        return new double[][] {{1, 0, -1, 0, 1}, {0, 1, 0, -1, 0}};
    }

    /**
     * {@code samples} points of {@code A_k} drawn as averages of {@code k} independent uniform points of {@code B}
     * (rejection sampling from the square; seeded by {@link Random}).
     */
    public double[][] sample(int copies, int samples, long seed) {
        InvalidInputException.requireAtLeast("copies", copies, 1);
        InvalidInputException.requireAtLeast("samples", samples, 1);
        Random random = new Random(seed);
        double[] x = new double[samples];
        double[] y = new double[samples];
        for (int s = 0; s < samples; s++) {
            for (int c = 0; c < copies; c++) {
                double u;
                double v;
                do {
                    u = 2 * random.nextDouble() - 1;
                    v = 2 * random.nextDouble() - 1;
                } while (Math.pow(Math.abs(u), p) + Math.pow(Math.abs(v), p) > 1);
                x[s] += u / copies;
                y[s] += v / copies;
            }
        }
        return new double[][] {x, y};
    }

    /**
     * {@code samples} points uniformly distributed in {@code A_k} (rejection sampling from the square against the
     * exact boundary polygon; seeded by {@link Random}), to draw the set filled.
     */
    public double[][] fill(int copies, int samples, long seed) {
        InvalidInputException.requireAtLeast("samples", samples, 1);
        double[][] poly = boundary(copies, Math.max(16, 400 / copies));
        Random random = new Random(seed);
        double[] x = new double[samples];
        double[] y = new double[samples];
        int s = 0;
        while (s < samples) {
            double u = 2 * random.nextDouble() - 1;
            double v = 2 * random.nextDouble() - 1;
            if (Math.abs(u) + Math.abs(v) <= 1 && distance(poly, u, v) == 0) {
                x[s] = u;
                y[s++] = v;
            }
        }
        return new double[][] {x, y};
    }

    /**
     * The Hausdorff distance between {@code A_k} and its convex hull, {@code sup_{q in conv B} dist(q, A_k)},
     * measured on polygons: {@code q} runs over {@code resolution} points per hull edge and a grid (at most 81 x 81)
     * of the hull's interior, the distance is to the boundary polygon of {@code A_k} (zero inside it).
     */
    public double hausdorffToHull(int copies, int resolution) {
        InvalidInputException.requireAtLeast("resolution", resolution, 8);
        double[][] poly = boundary(copies, Math.max(8, 4 * resolution / copies));
        double worst = 0;
        for (int e = 0; e < 4; e++) {
            double[][] hull = hullBoundary();
            for (int i = 0; i <= resolution; i++) {
                double t = (double) i / resolution;
                double qx = hull[0][e] + t * (hull[0][e + 1] - hull[0][e]);
                double qy = hull[1][e] + t * (hull[1][e + 1] - hull[1][e]);
                worst = Math.max(worst, distance(poly, qx, qy));
            }
        }
        int grid = Math.min(40, Math.max(8, resolution / 8));
        for (int i = -grid; i <= grid; i++) {
            for (int j = -grid; j <= grid; j++) {
                double qx = (double) i / grid;
                double qy = (double) j / grid;
                if (Math.abs(qx) + Math.abs(qy) <= 1) {
                    worst = Math.max(worst, distance(poly, qx, qy));
                }
            }
        }
        return worst;
    }

    /** {@code d_H(A_k, conv B) = d_H(A_1, conv B) / k}, with {@code d_H(A_1, conv B)} measured as above. */
    public double predictedHausdorffToHull(int copies, int resolution) {
        InvalidInputException.requireAtLeast("copies", copies, 1);
        return hausdorffToHull(1, resolution) / copies;
    }

    /** Distance from {@code (qx, qy)} to the region enclosed by the closed polygon (0 inside). */
    static double distance(double[][] poly, double qx, double qy) {
        double[] x = poly[0];
        double[] y = poly[1];
        boolean inside = false;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i + 1 < x.length; i++) {
            double ax = x[i];
            double ay = y[i];
            double bx = x[i + 1];
            double by = y[i + 1];
            if ((ay > qy) != (by > qy) && qx < ax + (qy - ay) * (bx - ax) / (by - ay)) {
                inside = !inside;
            }
            double dx = bx - ax;
            double dy = by - ay;
            double len = dx * dx + dy * dy;
            double t = len == 0 ? 0 : Math.max(0, Math.min(1, ((qx - ax) * dx + (qy - ay) * dy) / len));
            double ex = ax + t * dx - qx;
            double ey = ay + t * dy - qy;
            best = Math.min(best, ex * ex + ey * ey);
        }
        return inside ? 0 : Math.sqrt(best);
    }
}
