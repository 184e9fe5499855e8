package io.dualnet.convex;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.MatrixDimensionException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rows and column chunks of {@link ConeMultipliers} in both storages, and the view of a matrix. */
class ConeMultipliersTest {

    /** Relative rounding of a float (2^-24). */
    private static final double FLOAT_RTOL = 0x1p-24;

    @Test
    void rowsAndColumnChunksRoundTripInBothStorages() {
        for (boolean single : new boolean[] {false, true}) {
            ConeMultipliers m = ConeMultipliers.zeros(3, 4, single);
            assertThat(m.single()).isEqualTo(single);
            assertThat(m.rows()).isEqualTo(3);
            assertThat(m.columns()).isEqualTo(4);
            double[][] written = new double[3][];
            for (int k = 0; k < 3; k++) {
                written[k] = new double[] {k, k + 0.1, k + 0.2, k + 0.3};
                m.writeRow(k, written[k]);
            }
            double[] row = new double[4];
            m.readRow(2, row);
            for (int j = 0; j < 4; j++) {
                double expected = written[2][j];
                assertThat(Math.abs(row[j] - expected)).isLessThanOrEqualTo(single ? FLOAT_RTOL * expected : 0);
            }
            m.setColumns(1, new DMatrixRMaj(new double[][] {{7, 8}, {9, 10}, {11, 12}}));
            DMatrixRMaj chunk = m.columns(new int[] {3, 1, 0});
            assertThat(chunk.numRows).isEqualTo(3);
            assertThat(chunk.numCols).isEqualTo(3);
            assertThat(chunk.get(1, 0)).isEqualTo(single ? (double) (float) 1.3 : 1.3);
            assertThat(chunk.get(1, 1)).isEqualTo(9);
            assertThat(chunk.get(2, 2)).isEqualTo(2);
            assertThatThrownBy(() -> m.setColumns(3, new DMatrixRMaj(3, 2)))
                    .isInstanceOf(MatrixDimensionException.class).hasMessageContaining("chunk");
            m.setColumns(new int[] {3, 0}, new DMatrixRMaj(new double[][] {{20, 21}, {22, 23}, {24, 25}}));
            DMatrixRMaj scattered = m.columns(new int[] {0, 3});
            assertThat(scattered.get(2, 0)).isEqualTo(25);
            assertThat(scattered.get(2, 1)).isEqualTo(24);
            assertThatThrownBy(() -> m.setColumns(new int[] {4}, new DMatrixRMaj(3, 1)))
                    .isInstanceOf(MatrixDimensionException.class).hasMessageContaining("cols");
            assertThat(ConeMultipliers.updating(new DMatrixRMaj(1, 1)).keepsRefined()).isTrue();
            assertThat(m.keepsRefined()).isFalse();
        }
    }

    @Test
    void aViewSharesTheMatrixAndTooLargeTablesAreRefusedByName() {
        DMatrixRMaj a = new DMatrixRMaj(2, 2);
        ConeMultipliers view = ConeMultipliers.view(a);
        view.writeRow(1, new double[] {5, 6});
        assertThat(a.get(1, 0)).isEqualTo(5);
        assertThat(a.get(1, 1)).isEqualTo(6);
        assertThat(view.single()).isFalse();
        assertThat(ConeMultipliers.view(null)).isNull();
        assertThatThrownBy(() -> ConeMultipliers.zeros(1 << 16, 1 << 16, true))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("multipliers");
    }
}
