package io.dualnet.convex;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.MatrixDimensionException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link ConeProjection} against the exact projection by Lawson and Hanson over all samples ({@link ActiveSetNnls}),
 * and against the projection's characterization (feasible, {@code v0 - v} orthogonal to {@code v} and obtuse to every
 * point of the cone), recomputed from the returned point.
 */
class ConeProjectionTest {
    private static final double FEASIBILITY = 1e-10;
    private static final double AGREEMENT = 1e-8;
    private static final int N = 240;
    private static final int D = 12;

    @Test
    void matchesTheFullActiveSetProjectionAndIsFeasible() {
        Random rng = new Random(11);
        for (int trial = 0; trial < 6; trial++) {
            Instance in = instance(rng);
            double[] v0 = new double[D];
            for (int r = 0; r < D; r++) {
                v0[r] = in.generator[r] + (trial + 1) * 0.3 * rng.nextGaussian();
            }
            double[] v = ConeProjection.project(in.op, 0, v0, 100, N);
            assertThat(minSigned(in, v)).isGreaterThanOrEqualTo(-FEASIBILITY);
            double[] exact = fullProjection(in, v0);
            for (int r = 0; r < D; r++) {
                assertThat(v[r]).isCloseTo(exact[r], within(AGREEMENT));
            }
            // Characterization: (v0 - v)^T v = 0 and (v0 - v)^T u <= 0 for points u of the cone.
            assertThat(dot(diff(v0, v), v)).isCloseTo(0, within(AGREEMENT));
            assertThat(dot(diff(v0, v), in.generator)).isLessThanOrEqualTo(AGREEMENT);
        }
    }

    @Test
    void aFeasibleBlockIsItsOwnProjection() {
        Instance in = instance(new Random(3));
        double[] v = ConeProjection.project(in.op, 0, in.generator, 10, D);
        assertThat(v).containsExactly(in.generator);
    }

    @Test
    void aSlightlyInfeasibleBlockMovesLittle() {
        Random rng = new Random(5);
        Instance in = instance(rng);
        double[] v0 = in.generator.clone();
        for (int r = 0; r < D; r++) {
            v0[r] += 1e-3 * rng.nextGaussian();
        }
        double[] v = ConeProjection.project(in.op, 0, v0, 12, D);
        assertThat(minSigned(in, v)).isGreaterThanOrEqualTo(-FEASIBILITY);
        assertThat(norm(diff(v, v0))).isLessThanOrEqualTo(norm(diff(in.generator, v0)) + AGREEMENT);
    }

    @Test
    void badArgumentsAreNamed() {
        Instance in = instance(new Random(2));
        assertThatThrownBy(() -> ConeProjection.project(in.op, 0, new double[D + 1], 5, D))
                .isInstanceOf(MatrixDimensionException.class).hasMessageContaining("v0");
        assertThatThrownBy(() -> ConeProjection.project(in.op, 7, new double[D], 5, D))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("pattern");
        assertThatThrownBy(() -> ConeProjection.project(in.op, 0, new double[D], 0, D))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("rounds");
        assertThatThrownBy(() -> ConeProjection.project(in.op, 0, new double[D], 5, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("maxActive");
    }

    @Test
    void projectingBlocksTogetherGivesEachBlocksOwnProjection() {
        Random rng = new Random(13);
        DMatrixRMaj x = new DMatrixRMaj(N, D);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = rng.nextGaussian();
        }
        int p = 5;
        DMatrixRMaj gates = new DMatrixRMaj(D, p);
        for (int i = 0; i < gates.data.length; i++) {
            gates.data[i] = rng.nextGaussian();
        }
        PatternOperator op = new PatternOperator(x, ActivationPatterns.fromGates(x, gates));
        int[] patterns = {0, 1, 2, 3, 4, 2, 0};
        DMatrixRMaj starts = new DMatrixRMaj(D, patterns.length);
        for (int i = 0; i < starts.data.length; i++) {
            starts.data[i] = rng.nextGaussian();
        }
        DMatrixRMaj together = ConeProjection.projectAll(op, patterns, starts, 100, N, ConeProjection.rowNorms(x));
        for (int j = 0; j < patterns.length; j++) {
            double[] v0 = new double[D];
            for (int r = 0; r < D; r++) {
                v0[r] = starts.data[r * patterns.length + j];
            }
            double[] alone = ConeProjection.project(op, patterns[j], v0, 100, N);
            for (int r = 0; r < D; r++) {
                assertThat(together.data[r * patterns.length + j]).as("block %d entry %d", j, r)
                        .isCloseTo(alone[r], within(AGREEMENT));
            }
        }
        assertThatThrownBy(() -> ConeProjection.projectAll(op, patterns, new DMatrixRMaj(D, 2), 5, N,
                ConeProjection.rowNorms(x))).isInstanceOf(MatrixDimensionException.class).hasMessageContaining("v0s");
    }

    @Test
    void gramNnlsSolvesASmallProblemExactly() {
        // min ½ mu^T H mu + q^T mu, mu >= 0 with H = I: mu = max(0, -q).
        double[][] h = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        double[] mu = ActiveSetNnls.solveGram(h, new double[] {-2, 3, -0.5}, new double[0], 1e-14, true);
        assertThat(mu).containsExactly(new double[] {2, 0, 0.5}, within(1e-12));
    }

    private record Instance(PatternOperator op, double[] generator) {
    }

    /** Samples near the generator's hyperplane, so that projections have several active constraints. */
    private static Instance instance(Random rng) {
        DMatrixRMaj x = new DMatrixRMaj(N, D);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = rng.nextGaussian();
        }
        double[] g = new double[D];
        for (int r = 0; r < D; r++) {
            g[r] = rng.nextGaussian();
        }
        DMatrixRMaj gates = new DMatrixRMaj(D, 1);
        System.arraycopy(g, 0, gates.data, 0, D);
        ActivationPatterns patterns = ActivationPatterns.fromGates(x, gates);
        double[] generator = patterns.generator(0);
        return new Instance(new PatternOperator(x, patterns), generator == null ? g : generator);
    }

    private static double[] fullProjection(Instance in, double[] v0) {
        DMatrixRMaj x = in.op.x();
        double[] b = new double[D * N];
        for (int k = 0; k < N; k++) {
            double sign = in.op.active(k, 0) ? 1 : -1;
            for (int r = 0; r < D; r++) {
                b[r * N + k] = sign * x.data[k * D + r];
            }
        }
        double[] mu = ActiveSetNnls.solve(b, D, N, v0);
        double[] v = v0.clone();
        for (int r = 0; r < D; r++) {
            for (int k = 0; k < N; k++) {
                v[r] += b[r * N + k] * mu[k];
            }
        }
        return v;
    }

    private static double minSigned(Instance in, double[] v) {
        DMatrixRMaj x = in.op.x();
        double worst = Double.POSITIVE_INFINITY;
        for (int k = 0; k < N; k++) {
            double s = 0;
            for (int r = 0; r < D; r++) {
                s += x.data[k * D + r] * v[r];
            }
            worst = Math.min(worst, in.op.active(k, 0) ? s : -s);
        }
        return worst;
    }

    private static double[] diff(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }
}
