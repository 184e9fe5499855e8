package io.dualnet.deeprelu;

import io.dualnet.data.InvalidInputException;
import io.dualnet.net.DeepReluNetwork;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The kinks of a one-dimensional deep ReLU network and how far they are from the data: the measurement behind paper
 * 003 Cor 4.1/4.2 ("the optimal network has kinks only at the data points: a linear spline interpolant", Figure 1).
 *
 * <p><b>Exact breakpoints.</b> A network with scalar input is piecewise linear. Starting from the window's ends, layer
 * by layer: between consecutive known breakpoints every pre-activation of the next layer is affine in {@code x}, so
 * its zero crossings are found exactly from its values at the two ends and added. After the last hidden layer the
 * output is affine between consecutive breakpoints; a breakpoint is a <em>kink</em> when the slope changes there by
 * more than {@link #SLOPE_RTOL} times the largest slope magnitude (plus an absolute floor).
 *
 * <p><b>Metrics.</b> For each kink its distance to the nearest data point divided by the smallest data spacing
 * {@code h}; the largest such relative distance over the <em>significant</em> kinks (slope change at least
 * {@link #SIGNIFICANT_FRACTION} of the largest one); the share of the total slope change that sits within
 * {@link #NEAR_FRACTION}{@code  h} of a data point; and the sup-distance between the network and the linear spline on
 * the data's hull (exact: both are piecewise linear, so it is attained at a breakpoint of one of them).
 */
public final class SplineKinks {
    /** Relative slope change below which a breakpoint is not a kink (round-off). */
    public static final double SLOPE_RTOL = 1e-9;
    /** A kink is significant when its slope change is at least this fraction of the largest one. */
    public static final double SIGNIFICANT_FRACTION = 1e-2;
    /** "At a data point" means within this fraction of the smallest data spacing. */
    public static final double NEAR_FRACTION = 0.05;

    /**
     * The measurement.
     *
     * @param kinks kink positions, sorted
     * @param slopeChanges {@code |slope right - slope left|} at each kink
     * @param relativeDistances distance of each kink to the nearest data point over the smallest spacing {@code h}
     * @param significantKinks number of kinks with slope change {@code >= SIGNIFICANT_FRACTION * max}
     * @param maxRelativeDistance largest relative distance among significant kinks (0 when there is none)
     * @param nearDataShare share of the total slope change within {@code NEAR_FRACTION h} of a data point
     * @param supDistance {@code max |f - spline|} on the data's hull
     * @param relativeSupDistance {@code supDistance / (max y - min y)}
     * @param windowLow left end of the searched window
     * @param windowHigh right end of the searched window
     */
    public record Result(double[] kinks, double[] slopeChanges, double[] relativeDistances, int significantKinks,
            double maxRelativeDistance, double nearDataShare, double supDistance, double relativeSupDistance,
            double windowLow, double windowHigh) {
    }

    private SplineKinks() {
    }

    /**
     * Measures {@code network} (one input, one output) against the data's linear spline, searching kinks in the hull
     * widened by {@code margin} times its length on each side.
     *
     * @throws InvalidInputException naming {@code network} unless it has one input and one output, or {@code margin}
     *     unless finite {@code >= 0}
     */
    public static Result measure(DeepReluNetwork network, SplineInterpolant spline, double margin) {
        if (network.inputDimension() != 1 || network.outputDimension() != 1) {
            throw new InvalidInputException("network", Arrays.toString(network.widths()),
                    "a network with one input and one output");
        }
        InvalidInputException.requireNonNegative("margin", margin);
        double[] knots = spline.knots();
        double lo0 = knots[0];
        double hi0 = knots[knots.length - 1];
        double lo = lo0 - margin * (hi0 - lo0);
        double hi = hi0 + margin * (hi0 - lo0);
        double[] points = breakpoints(network, lo, hi);
        double[] f = evaluate(network, points);
        int p = points.length;
        double[] slopes = new double[p - 1];
        double maxSlope = 0;
        for (int i = 0; i + 1 < p; i++) {
            slopes[i] = (f[i + 1] - f[i]) / (points[i + 1] - points[i]);
            maxSlope = Math.max(maxSlope, Math.abs(slopes[i]));
        }
        List<double[]> kinks = new ArrayList<>();
        for (int i = 1; i + 1 < p; i++) {
            double change = Math.abs(slopes[i] - slopes[i - 1]);
            if (change > SLOPE_RTOL * maxSlope + 1e-300) {
                kinks.add(new double[] {points[i], change});
            }
        }
        double h = spline.minSpacing();
        int k = kinks.size();
        double[] pos = new double[k];
        double[] ch = new double[k];
        double[] rel = new double[k];
        double maxChange = 0;
        double total = 0;
        for (int i = 0; i < k; i++) {
            pos[i] = kinks.get(i)[0];
            ch[i] = kinks.get(i)[1];
            rel[i] = spline.distanceToData(pos[i]) / h;
            maxChange = Math.max(maxChange, ch[i]);
            total += ch[i];
        }
        int significant = 0;
        double maxRel = 0;
        double near = 0;
        for (int i = 0; i < k; i++) {
            if (ch[i] >= SIGNIFICANT_FRACTION * maxChange) {
                significant++;
                maxRel = Math.max(maxRel, rel[i]);
            }
            if (rel[i] <= NEAR_FRACTION) {
                near += ch[i];
            }
        }
        // sup |f - spline| on the hull: at the network's breakpoints inside the hull and at the data points.
        double[] inside = Arrays.stream(points).filter(t -> t >= lo0 && t <= hi0).toArray();
        double[] all = new double[inside.length + knots.length];
        System.arraycopy(inside, 0, all, 0, inside.length);
        System.arraycopy(knots, 0, all, inside.length, knots.length);
        double[] fa = evaluate(network, all);
        double sup = 0;
        for (int i = 0; i < all.length; i++) {
            sup = Math.max(sup, Math.abs(fa[i] - spline.value(all[i])));
        }
        double[] vals = spline.values();
        double range = Arrays.stream(vals).max().getAsDouble() - Arrays.stream(vals).min().getAsDouble();
        return new Result(pos, ch, rel, significant, maxRel, total > 0 ? near / total : 1, sup,
                range > 0 ? sup / range : sup, lo, hi);
    }

    /** All breakpoints of the network's pre-activations in {@code [lo, hi]}, with both ends, sorted. */
    static double[] breakpoints(DeepReluNetwork network, double lo, double hi) {
        double[] points = {lo, hi};
        for (int layer = 1; layer < network.depth(); layer++) {
            DMatrixRMaj z = preActivation(network, points, layer);
            List<Double> added = new ArrayList<>();
            for (int i = 0; i + 1 < points.length; i++) {
                for (int j = 0; j < z.numCols; j++) {
                    double a = z.get(i, j);
                    double b = z.get(i + 1, j);
                    if (a > 0 && b < 0 || a < 0 && b > 0) {
                        double t = points[i] + (points[i + 1] - points[i]) * a / (a - b);
                        if (t > points[i] && t < points[i + 1]) {
                            added.add(t);
                        }
                    }
                }
            }
            double[] next = new double[points.length + added.size()];
            System.arraycopy(points, 0, next, 0, points.length);
            for (int i = 0; i < added.size(); i++) {
                next[points.length + i] = added.get(i);
            }
            Arrays.sort(next);
            points = Arrays.stream(next).distinct().toArray();
        }
        return points;
    }

    /** Pre-activations of layer {@code layer} (before its ReLU) at the scalar inputs {@code t}. */
    private static DMatrixRMaj preActivation(DeepReluNetwork network, double[] t, int layer) {
        DMatrixRMaj a = column(t);
        for (int l = 1; l <= layer; l++) {
            DMatrixRMaj z = io.dualnet.linalg.Linalg.get().mult(a, false, network.weightView(l), false);
            DeepReluNetwork.addBias(z, network.bias(l));
            if (l < layer) {
                DeepReluNetwork.relu(z);
            }
            a = z;
        }
        return a;
    }

    /** The network at the scalar inputs {@code t}. */
    public static double[] evaluate(DeepReluNetwork network, double[] t) {
        return network.predict(column(t)).data.clone();
    }

    private static DMatrixRMaj column(double[] t) {
        DMatrixRMaj c = new DMatrixRMaj(t.length, 1);
        System.arraycopy(t, 0, c.data, 0, t.length);
        return c;
    }
}
