package io.dualnet.net;

import io.dualnet.convex.ActivationPatterns;
import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.loss.Loss;
import org.ejml.data.DMatrixRMaj;

import java.util.Random;

/** Seeded tiny two-layer ReLU instances and random feasible convex points, shared by the ReLU tests. */
public final class ReluInstances {
    private ReluInstances() {
    }

    /** Gaussian {@code n x d} inputs; Gaussian targets, or their signs for a classification loss. */
    public static TwoLayerReluProblem problem(int n, int d, Loss loss, double beta, boolean bias, long seed) {
        Random rng = new Random(seed);
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = rng.nextGaussian();
        }
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            double t = rng.nextGaussian();
            y[k] = loss.classification() ? (t >= 0 ? 1 : -1) : t;
        }
        return new TwoLayerReluProblem(x, y, loss, beta, bias);
    }

    /**
     * Random weights feasible for {@code convex}: each block is a random non-negative combination of the pattern's
     * generator and a small random direction, projected into the cone by {@link ReluConvexProblem#repair} (cone) or
     * left as is (gated); about half the blocks are zero.
     */
    public static ConvexReluWeights randomFeasible(ReluConvexProblem convex, Random rng) {
        ActivationPatterns patterns = convex.patterns();
        int d = convex.problem().featureCount();
        int k = convex.blockCount();
        int p = patterns.count();
        DMatrixRMaj b = new DMatrixRMaj(d, k);
        for (int j = 0; j < k; j++) {
            if (rng.nextBoolean()) {
                continue;
            }
            double[] g = patterns.generator(j < p ? j : j - p);
            double scale = rng.nextDouble();
            for (int r = 0; r < d; r++) {
                b.data[r * k + j] = scale * g[r] + 0.05 * rng.nextGaussian();
            }
        }
        return convex.repair(ConvexReluWeights.ofBlocks(b, convex.gated()));
    }

    /** Largest absolute difference of two arrays. */
    public static double maxAbsDifference(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
