package io.dualnet.deeprelu;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.Matrices;
import io.dualnet.linalg.Vectors;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/**
 * The two routes of the whitening test: exact below {@link WhiteningCheck#EXACT_WORK}, randomized probes above it
 * (whitened data accepted and the network certified as on the exact route; non-whitened data rejected; the randomized
 * bound above the true spectral norm on seeded instances).
 */
class WhiteningCheckTest {
    private static final double TOLERANCE = 1e-9;

    @Test
    void largeWhitenedDataTakeTheRandomizedRouteAndAreCertified() {
        int n = 520;
        DMatrixRMaj x = WhitenedInstances.kroneckerRows(n, 24, 3);
        assertThat((double) n * n * x.numCols).isGreaterThan(WhiteningCheck.EXACT_WORK);
        DMatrixRMaj y = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            y.data[i] = i % 3 == 0 ? 2 : 1;
        }
        for (int depth : new int[] {2, 4}) {
            WhitenedSolution s = WhitenedClosedForm.solve(x, y, WhitenedClosedForm.Options.of(depth, 3, 0));
            assertThat(s.whiteningCheck()).isEqualTo("randomized");
            assertThat(s.whiteningFailureProbability()).isLessThan(1e-16).isPositive();
            assertThat(s.whiteningDeviation()).isLessThan(TOLERANCE);
            assertThat(s.status()).isEqualTo("certified");
            assertThat(s.residual()).isLessThan(1e-9);
            double a = Vectors.norm(y.data);
            assertThat(s.objective()).isCloseTo(0.5 * depth * Math.pow(a, 2.0 / depth), offset(1e-9));
            // ||X^T X - I_d||_F = sqrt(d - n) for whitened rows
            assertThat(s.columnDeviation()).isCloseTo(Math.sqrt(x.numCols - n), offset(1e-6));
        }
    }

    @Test
    void randomizedBoundIsAboveTheSpectralNormAndRejectsDataThatAreNotWhitened() {
        int n = 520;
        DMatrixRMaj w = WhitenedInstances.kroneckerRows(n, 24, 5);
        Random rng = new Random(9);
        DMatrixRMaj y = WhitenedClosedFormTest.oneHot(n, 4);
        for (double eps : new double[] {1e-7, 1e-4, 1e-2}) {
            // a rank-one perturbation: E has one large eigenvalue, the hardest case for the probes
            DMatrixRMaj x = w.copy();
            double[] u = new double[n];
            double[] v = new double[x.numCols];
            for (int i = 0; i < n; i++) {
                u[i] = rng.nextGaussian() / Math.sqrt(n);
            }
            for (int j = 0; j < v.length; j++) {
                v[j] = rng.nextGaussian() / Math.sqrt(v.length);
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < v.length; j++) {
                    x.data[i * v.length + j] += eps * u[i] * v[j];
                }
            }
            DMatrixRMaj e = Linalg.get().mult(x, false, x, true);
            for (int i = 0; i < n; i++) {
                e.add(i, i, -1);
            }
            double[] ev = Linalg.get().eigSymmetric(e).values();
            double spectral = Math.max(Math.abs(ev[0]), Math.abs(ev[ev.length - 1]));
            WhitenedSolution forced = WhitenedClosedForm.solve(x, y, WhitenedClosedForm.Options.of(3, 4, 0)
                    .withForce(true));
            assertThat(forced.whiteningCheck()).isEqualTo("randomized");
            assertThat(forced.whiteningDeviation()).isGreaterThanOrEqualTo(spectral);
            assertThat(forced.status()).isEqualTo("forced");
            assertThatThrownBy(() -> WhitenedClosedForm.solve(x, y, WhitenedClosedForm.Options.of(3, 4, 0)))
                    .isInstanceOf(WhitenedAssumptionException.class)
                    .hasMessageStartingWith("X is not whitened: ||X X^T - I|| (randomized bound, 16 probes) = ");
        }
    }

    @Test
    void exactRouteMeasuresTheFrobeniusNormAndTheColumnDeviation() {
        DMatrixRMaj x = Matrices.gaussian(7, 11, 0.3, new Random(4));
        WhitenedSolution s = WhitenedClosedForm.solve(x, WhitenedClosedFormTest.oneHot(7, 2),
                WhitenedClosedForm.Options.of(3, 2, 0).withForce(true));
        assertThat(s.whiteningCheck()).isEqualTo("exact");
        assertThat(s.whiteningFailureProbability()).isZero();
        assertThat(s.whiteningDeviation()).isCloseTo(Whitening.rowDeviation(x), offset(1e-12));
        assertThat(s.columnDeviation()).isCloseTo(Whitening.columnDeviation(x), offset(1e-9));
    }

    @Test
    void aNonFiniteEntryIsNamedOnTheRandomizedRouteToo() {
        DMatrixRMaj x = WhitenedInstances.kroneckerRows(520, 24, 7);
        x.set(17, 40, Double.NaN);
        assertThatThrownBy(() -> WhitenedClosedForm.solve(x, WhitenedClosedFormTest.oneHot(520, 2),
                WhitenedClosedForm.Options.of(3, 2, 0)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("x[17,40]");
    }
}
