package io.dualnet.deeprelu;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.Matrices;
import io.dualnet.linalg.SymmetricEigen;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WhiteningTest {
    private static final double TOLERANCE = 1e-10;

    @Test
    void whitenedTrainingRowsAreOrthonormalAndTestPointsMapAlike() {
        DMatrixRMaj x = Matrices.gaussian(6, 10, 3, new Random(1));
        Whitening w = Whitening.fit(x);
        DMatrixRMaj xw = w.apply(x);
        assertThat(Whitening.rowDeviation(xw)).isLessThan(TOLERANCE);
        assertThat(Whitening.rowDeviation(x)).isGreaterThan(1);
        // X^T X = I_d cannot hold with n < d: X^T X is a rank-6 projection, ||X^T X - I||_F = sqrt(10 - 6) = 2.
        assertThat(Whitening.columnDeviation(xw)).isCloseTo(2, org.assertj.core.data.Offset.offset(TOLERANCE));
        // A test point is mapped by the same right multiplier: row 2 alone equals row 2 of X M.
        DMatrixRMaj row = new DMatrixRMaj(1, 10);
        System.arraycopy(x.data, 20, row.data, 0, 10);
        DMatrixRMaj rw = w.apply(row);
        for (int c = 0; c < 10; c++) {
            assertThat(rw.get(0, c)).isCloseTo(xw.get(2, c), org.assertj.core.data.Offset.offset(TOLERANCE));
        }
        // On the training set X M = (X X^T)^{-1/2} X, computed independently from the eigen-decomposition.
        SymmetricEigen e = Linalg.get().eigSymmetric(Linalg.get().mult(x, false, x, true));
        DMatrixRMaj q = e.vectors();
        double[] inv = new double[6];
        for (int i = 0; i < 6; i++) {
            inv[i] = 1 / Math.sqrt(e.values()[i]);
        }
        DMatrixRMaj isqrt = Linalg.get().mult(Matrices.scaleColumns(q, inv), false, q, true);
        DMatrixRMaj expected = Linalg.get().mult(isqrt, false, x, false);
        assertThat(Matrices.distance(expected, xw)).isLessThan(1e-9);
    }

    @Test
    void rankDeficientTrainingDataCannotBeWhitened() {
        DMatrixRMaj x = Matrices.gaussian(4, 3, 1, new Random(2));
        assertThatThrownBy(() -> Whitening.fit(x)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("rank 3");
    }
}
