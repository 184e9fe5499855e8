package io.dualnet.convex;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;

import java.util.Random;

/**
 * Seeded random activation patterns {@code D = diag(1[X g >= 0])} with Gaussian {@code g ~ N(0, I_{d'})}, the
 * sampling used by Pilanci and Ergen (2020) and paper 002's experiments when the arrangement is too large to
 * enumerate. Duplicates (and the all-zero pattern) are dropped, so fewer than the requested number may come back when
 * the arrangement has few cells; every pattern keeps its {@code g} as generator. Nothing passed in is modified.
 */
public final class PatternSampler {
    /** Gaussian draws per requested pattern before giving up on finding more distinct ones. */
    public static final int TRIALS_PER_PATTERN = 20;

    private PatternSampler() {
    }

    /**
     * Up to {@code count} distinct patterns from seeded Gaussian generators, in the order drawn.
     *
     * @param features {@code n x d'}
     * @param count requested number of distinct patterns, {@code >= 1}
     * @param seed random seed
     * @throws InvalidInputException naming {@code count} when it is below 1
     */
    public static ActivationPatterns gaussian(DMatrixRMaj features, int count, long seed) {
        InvalidInputException.requireAtLeast("count", count, 1);
        Random rng = new Random(seed);
        ActivationPatterns out = null;
        long drawn = 0;
        long budget = (long) TRIALS_PER_PATTERN * count;
        while ((out == null || out.count() < count) && drawn < budget) {
            int batch = (int) Math.min(budget - drawn, Math.max(64, count - (out == null ? 0 : out.count())));
            DMatrixRMaj g = Matrices.gaussian(features.numCols, batch, 1.0, rng);
            ActivationPatterns more = ActivationPatterns.fromGates(features, g);
            out = out == null ? more : out.union(more);
            drawn += batch;
        }
        if (out.count() > count) {
            int[] first = new int[count];
            for (int i = 0; i < count; i++) {
                first[i] = i;
            }
            out = out.subset(first);
        }
        return out;
    }
}
