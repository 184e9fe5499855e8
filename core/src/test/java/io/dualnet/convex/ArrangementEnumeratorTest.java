package io.dualnet.convex;

import io.dualnet.data.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Exact enumeration of hyperplane-arrangement cells against the cell-count bound and dense random sampling. */
class ArrangementEnumeratorTest {

    /** Random directions used to sample cells (every cell of these tiny arrangements is hit with high probability). */
    private static final int SAMPLES = 200_000;

    private static DMatrixRMaj gaussian(int n, int d, long seed, boolean bias) {
        Random rng = new Random(seed);
        DMatrixRMaj x = new DMatrixRMaj(n, d + (bias ? 1 : 0));
        for (int k = 0; k < n; k++) {
            for (int c = 0; c < d; c++) {
                x.set(k, c, rng.nextGaussian());
            }
            if (bias) {
                x.set(k, d, 1);
            }
        }
        return x;
    }

    private static Set<String> sampled(DMatrixRMaj x, long seed) {
        Random rng = new Random(seed);
        Set<String> out = new HashSet<>();
        double[] g = new double[x.numCols];
        for (int s = 0; s < SAMPLES; s++) {
            for (int c = 0; c < g.length; c++) {
                g[c] = rng.nextGaussian();
            }
            long[] m = ActivationPatterns.maskOf(x, g);
            if (m[0] != 0) {
                out.add(java.util.Arrays.toString(m));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "n={0} d={1} bias={2}")
    @CsvSource({"6, 1, true", "8, 2, true", "7, 3, false", "10, 2, false", "9, 3, true"})
    void generalPositionGivesTheBoundAndEverySampledCell(int n, int d, boolean bias) {
        DMatrixRMaj x = gaussian(n, d, 31L * n + d, bias);
        ActivationPatterns all = ArrangementEnumerator.enumerate(x, ArrangementEnumerator.DEFAULT_LIMIT);
        double bound = ArrangementEnumerator.cellCountBound(x);
        // In general position the bound is attained; the all-inactive cell (if any) is dropped.
        long zeroCell = sampledHasZero(x) ? 1 : 0;
        assertThat((double) all.count()).isCloseTo(bound - zeroCell, within(0.0));
        Set<String> enumerated = new HashSet<>();
        for (int i = 0; i < all.count(); i++) {
            enumerated.add(java.util.Arrays.toString(all.mask(i)));
            assertThat(ActivationPatterns.maskOf(x, all.generator(i))).containsExactly(all.mask(i));
        }
        assertThat(enumerated).containsAll(sampled(x, 5L));
    }

    private static boolean sampledHasZero(DMatrixRMaj x) {
        Random rng = new Random(9);
        double[] g = new double[x.numCols];
        for (int s = 0; s < SAMPLES; s++) {
            for (int c = 0; c < g.length; c++) {
                g[c] = rng.nextGaussian();
            }
            if (ActivationPatterns.maskOf(x, g)[0] == 0) {
                return true;
            }
        }
        return false;
    }

    @Test
    void duplicateOppositeAndZeroRowsAreOneHyperplaneOrNone() {
        DMatrixRMaj base = gaussian(5, 2, 3L, true);
        DMatrixRMaj x = new DMatrixRMaj(8, 3);
        for (int k = 0; k < 5; k++) {
            for (int c = 0; c < 3; c++) {
                x.set(k, c, base.get(k, c));
            }
        }
        for (int c = 0; c < 3; c++) {
            x.set(5, c, base.get(0, c));
            x.set(6, c, -2 * base.get(1, c));
        }
        ActivationPatterns dup = ArrangementEnumerator.enumerate(x, 1000);
        ActivationPatterns plain = ArrangementEnumerator.enumerate(base, 1000);
        // Same cells; the all-inactive cell (present with a bias) is no longer the dropped zero pattern, since the
        // zero row is active in every pattern.
        assertThat(dup.count()).isEqualTo(plain.count() + 1);
        assertThat(ArrangementEnumerator.cellCountBound(x)).isEqualTo(ArrangementEnumerator.cellCountBound(base));
        for (int i = 0; i < dup.count(); i++) {
            assertThat(dup.active(i, 7)).as("zero row is always active").isTrue();
            assertThat(dup.active(i, 5)).isEqualTo(dup.active(i, 0));
            assertThat(dup.active(i, 6)).isNotEqualTo(dup.active(i, 1));
        }
        assertThat(sampled(x, 11L)).hasSizeLessThanOrEqualTo(dup.count());
    }

    @Test
    void lowRankInputsEnumerateInTheRowSpace() {
        // Rank 2 in R^3: the third column is the sum of the first two.
        DMatrixRMaj x = gaussian(6, 2, 8L, false);
        DMatrixRMaj wide = new DMatrixRMaj(6, 3);
        for (int k = 0; k < 6; k++) {
            wide.set(k, 0, x.get(k, 0));
            wide.set(k, 1, x.get(k, 1));
            wide.set(k, 2, x.get(k, 0) + x.get(k, 1));
        }
        assertThat(ArrangementEnumerator.enumerate(wide, 100).count())
                .isEqualTo(ArrangementEnumerator.enumerate(x, 100).count());
    }

    @Test
    void theBoundIsCoversFormulaAndLargeInstancesAreRefusedNamingX() {
        assertThat(ArrangementEnumerator.cellCountBound(10, 1)).isEqualTo(2);
        assertThat(ArrangementEnumerator.cellCountBound(10, 2)).isEqualTo(20);
        assertThat(ArrangementEnumerator.cellCountBound(10, 3)).isEqualTo(2 * (1 + 9 + 36));
        assertThat(ArrangementEnumerator.cellCountBound(3, 5)).isEqualTo(8);
        DMatrixRMaj big = gaussian(200, 10, 1L, true);
        assertThat(ArrangementEnumerator.enumerable(big, ArrangementEnumerator.DEFAULT_LIMIT)).isFalse();
        assertThatThrownBy(() -> ArrangementEnumerator.enumerate(big, ArrangementEnumerator.DEFAULT_LIMIT))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("invalid x")
                .hasMessageContaining("sample patterns instead");
    }

    @ParameterizedTest(name = "{0} x {1}, rank {2}")
    @CsvSource({"200, 20, 20", "300, 30, 3", "100, 5, 1", "1000, 80, 70"})
    void theProbedRankNeverExceedsTheFullRankAndFindsALowOne(int n, int d, int rank) {
        Random rng = new Random(n + d + rank);
        DMatrixRMaj left = new DMatrixRMaj(n, rank);
        DMatrixRMaj right = new DMatrixRMaj(rank, d);
        for (int i = 0; i < left.data.length; i++) {
            left.data[i] = rng.nextGaussian();
        }
        for (int i = 0; i < right.data.length; i++) {
            right.data[i] = rng.nextGaussian();
        }
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        org.ejml.dense.row.CommonOps_DDRM.mult(left, right, x);
        int full = ArrangementEnumerator.RowSpace.rank(io.dualnet.linalg.Linalg.get().svd(x));
        int probed = ArrangementEnumerator.rankLowerBound(x);
        assertThat(full).as("rank of the product").isEqualTo(rank);
        assertThat(probed).as("probed rank").isLessThanOrEqualTo(full)
                .isEqualTo(Math.min(rank, ArrangementEnumerator.PROBE_ROWS));
    }

    @Test
    void fewRowsAreNotProbedAndAWideMatrixIsRefused() {
        assertThat(ArrangementEnumerator.rankLowerBound(new DMatrixRMaj(ArrangementEnumerator.PROBE_ROWS, 3)))
                .isZero();
        Random rng = new Random(5);
        DMatrixRMaj x = new DMatrixRMaj(500, 40);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = rng.nextGaussian();
        }
        assertThat(ArrangementEnumerator.enumerable(x, 20000)).isFalse();
    }
}
