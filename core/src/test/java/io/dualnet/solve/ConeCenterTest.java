package io.dualnet.solve;

import io.dualnet.convex.ConeProjection;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The centered cone direction: the known center of the quarter plane from a start next to a face, and on random cones
 * a smallest margin far above that of a generator placed next to a face.
 */
class ConeCenterTest {
    /** Accuracy of the known center. */
    private static final double CENTER_ATOL = 1e-8;

    @Test
    void theQuarterPlaneIsCenteredOnItsBisectorFromNextToAFace() {
        // Rows e1 and e2 with signs +1: the cone u1, u2 >= 0; f = -log u1 - log u2 + ||u||^2, minimized at
        // u1 = u2 = 1 / sqrt(2), whose direction is (1, 1) / sqrt(2).
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}});
        double[] signs = {1, 1};
        double[] c = ConeCenter.direction(x, signs, 1, 0, new double[] {1, 1e-12}, maxRowNorm(x));
        assertThat(c[0]).isCloseTo(Math.sqrt(0.5), within(CENTER_ATOL));
        assertThat(c[1]).isCloseTo(Math.sqrt(0.5), within(CENTER_ATOL));
    }

    @Test
    void aGeneratorNextToAFaceIsMovedDeepInside() {
        Random rng = new Random(7);
        int n = 200;
        int d = 5;
        for (int trial = 0; trial < 5; trial++) {
            DMatrixRMaj x = new DMatrixRMaj(n, d);
            for (int i = 0; i < x.data.length; i++) {
                x.data[i] = rng.nextGaussian();
            }
            double[] w = new double[d];
            for (int c = 0; c < d; c++) {
                w[c] = rng.nextGaussian();
            }
            // The pattern of w with one sample moved onto w's hyperplane (up to 1e-12): a generator next to a face,
            // as the first layer of a fitted network is.
            double[] xw = product(x, w);
            int closest = 0;
            for (int k = 1; k < n; k++) {
                closest = Math.abs(xw[k]) < Math.abs(xw[closest]) ? k : closest;
            }
            double norm2 = 0;
            for (int c = 0; c < d; c++) {
                norm2 += w[c] * w[c];
            }
            double shift = (xw[closest] - Math.copySign(1e-12, xw[closest])) / norm2;
            for (int c = 0; c < d; c++) {
                x.data[closest * d + c] -= shift * w[c];
            }
            xw = product(x, w);
            double[] signs = new double[n];
            for (int k = 0; k < n; k++) {
                signs[k] = xw[k] > 0 ? 1 : -1;
            }
            double before = minMargin(x, signs, unit(w));
            double after = minMargin(x, signs, ConeCenter.direction(x, signs, 1, 0, w, maxRowNorm(x)));
            assertThat(before).isPositive().isLessThan(1e-11);
            assertThat(after).as("trial %d", trial).isGreaterThan(1e4 * before);
        }
    }

    private static double[] product(DMatrixRMaj x, double[] u) {
        double[] out = new double[x.numRows];
        for (int k = 0; k < x.numRows; k++) {
            for (int c = 0; c < x.numCols; c++) {
                out[k] += x.get(k, c) * u[c];
            }
        }
        return out;
    }

    private static double minMargin(DMatrixRMaj x, double[] signs, double[] u) {
        double[] xu = product(x, u);
        double min = Double.POSITIVE_INFINITY;
        for (int k = 0; k < xu.length; k++) {
            min = Math.min(min, signs[k] * xu[k]);
        }
        return min;
    }

    private static double[] unit(double[] v) {
        double n = 0;
        for (double e : v) {
            n += e * e;
        }
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] /= Math.sqrt(n);
        }
        return out;
    }

    private static double maxRowNorm(DMatrixRMaj x) {
        double out = 0;
        for (double norm : ConeProjection.rowNorms(x)) {
            out = Math.max(out, norm);
        }
        return out;
    }
}
