package io.dualnet.linalg;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The shared dot product and norm against values known in closed form and against each other. */
class VectorsTest {
    /** Relative agreement of two summations of the same terms. */
    private static final double RTOL = 1e-14;

    @Test
    void dotAndNormOfKnownVectors() {
        assertThat(Vectors.dot(new double[] {1, 2, 3}, new double[] {4, -5, 6})).isEqualTo(12.0);
        assertThat(Vectors.norm(new double[] {3, 4})).isEqualTo(5.0);
        assertThat(Vectors.norm(new double[0])).isZero();
        assertThat(Vectors.dot(new double[0], new double[0])).isZero();
    }

    @Test
    void normIsTheSquareRootOfTheSelfDotProduct() {
        Random rng = new Random(11);
        for (int t = 0; t < 50; t++) {
            double[] v = new double[1 + rng.nextInt(300)];
            for (int i = 0; i < v.length; i++) {
                v[i] = rng.nextGaussian() * Math.pow(10, rng.nextInt(7) - 3);
            }
            double norm = Vectors.norm(v);
            assertThat(norm).isCloseTo(Math.sqrt(Vectors.dot(v, v)), within(RTOL * norm));
        }
    }

    @Test
    void vectorsOfDifferentLengthsAreNamed() {
        assertThatThrownBy(() -> Vectors.dot(new double[2], new double[3]))
                .isInstanceOf(MatrixDimensionException.class)
                .hasMessageContaining("b");
    }
}
