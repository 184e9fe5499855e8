package io.dualnet.solve;

import io.dualnet.convex.PatternOperator;
import io.dualnet.convex.PatternSampler;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants of the Nesterov-Todd scaling ({@link ConeScaling}) at random interior points: {@code W x = W^{-1} s}
 * (the scaled point), {@code W W^{-1} = I}, {@code lambda \ (lambda o lambda) = lambda}, and the step to the cone's
 * boundary lands on it.
 */
class ConeScalingPropertyTest {
    /** Identities in double precision on O(1) data, absolute. */
    private static final double ATOL = 1e-10;

    private static final int D = 4;
    private static final int P = 5;

    private static ConeScaling scaling() {
        DMatrixRMaj x = RandomMatrices_DDRM.rectangle(6, D, new Random(3));
        PatternOperator op = new PatternOperator(x, PatternSampler.gaussian(x, P, 5L));
        return new ConeScaling(D, op.patterns().count());
    }

    /** A block matrix whose columns have norms below {@code heads} (strictly inside the cone). */
    private static DMatrixRMaj inside(Random random, double[] heads) {
        DMatrixRMaj v = RandomMatrices_DDRM.rectangle(D, P, -1, 1, random);
        for (int j = 0; j < P; j++) {
            double norm = 0;
            for (int c = 0; c < D; c++) {
                norm += v.get(c, j) * v.get(c, j);
            }
            heads[j] = Math.sqrt(norm) * (1.01 + 3 * random.nextDouble());
        }
        return v;
    }

    private static double maxDiff(double[] a0, DMatrixRMaj a1, double[] b0, DMatrixRMaj b1) {
        double m = 0;
        for (int j = 0; j < a0.length; j++) {
            m = Math.max(m, Math.abs(a0[j] - b0[j]));
        }
        for (int i = 0; i < a1.data.length; i++) {
            m = Math.max(m, Math.abs(a1.data[i] - b1.data[i]));
        }
        return m;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void theScaledPointIsTheSameFromBothSidesAndItsOwnJordanSquareRoot(long seed) {
        Random random = new Random(seed);
        double[] tau = new double[P];
        double[] sigma = new double[P];
        DMatrixRMaj u = inside(random, tau);
        DMatrixRMaj z = inside(random, sigma);
        ConeScaling w = scaling();
        assertThat(w.update(tau, u, sigma, z)).isTrue();

        double[] l0 = new double[P];
        DMatrixRMaj l1 = new DMatrixRMaj(D, P);
        double[] m0 = new double[P];
        DMatrixRMaj m1 = new DMatrixRMaj(D, P);
        w.applyW(tau, u, l0, l1, false);
        w.applyW(sigma, z, m0, m1, true);
        assertThat(maxDiff(l0, l1, m0, m1)).as("W x = W^-1 s").isLessThanOrEqualTo(ATOL);

        double[] back0 = new double[P];
        DMatrixRMaj back1 = new DMatrixRMaj(D, P);
        w.applyW(l0, l1, back0, back1, true);
        assertThat(maxDiff(back0, back1, tau, u)).as("W^-1 W x = x").isLessThanOrEqualTo(ATOL);

        double[] sq0 = new double[P];
        DMatrixRMaj sq1 = new DMatrixRMaj(D, P);
        w.jordanSquare(sq0, sq1, 1);
        double[] r0 = new double[P];
        DMatrixRMaj r1 = new DMatrixRMaj(D, P);
        w.arrowSolve(sq0, sq1, r0, r1);
        assertThat(maxDiff(r0, r1, l0, l1)).as("lambda \\ (lambda o lambda) = lambda").isLessThanOrEqualTo(ATOL);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 8, 9})
    void theStepToTheBoundaryLandsOnIt(long seed) {
        Random random = new Random(seed);
        double[] tau = new double[P];
        DMatrixRMaj u = inside(random, tau);
        double[] dTau = new double[P];
        DMatrixRMaj du = RandomMatrices_DDRM.rectangle(D, P, -5, 5, random);
        for (int j = 0; j < P; j++) {
            dTau[j] = -random.nextDouble();
        }
        double a = scaling().coneStep(tau, u, dTau, du);
        assertThat(a).isPositive().isFinite();
        double worst = Double.POSITIVE_INFINITY;
        for (int j = 0; j < P; j++) {
            double norm = 0;
            for (int c = 0; c < D; c++) {
                double v = u.get(c, j) + a * du.get(c, j);
                norm += v * v;
            }
            worst = Math.min(worst, tau[j] + a * dTau[j] - Math.sqrt(norm));
        }
        // At the step some block is on the boundary and none outside.
        assertThat(Math.abs(worst)).isLessThanOrEqualTo(ATOL);
    }
}
