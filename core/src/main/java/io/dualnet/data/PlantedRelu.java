package io.dualnet.data;

import org.ejml.data.DMatrixRMaj;

import java.util.Random;

/**
 * Seeded synthetic data from a planted two-layer ReLU teacher, {@code t(x) = sum_{j<k} a_j (x^T g_j)_+}, with inputs
 * {@code x ~ N(0, I_d)}, teacher neurons {@code g_j ~ N(0, I_d / d)} and output weights {@code a_j = +-1}
 * alternating (so both signs occur). Regression targets are {@code t(x)} plus {@code noise * N(0, 1)}; classification
 * labels are {@code sign(t(x) - median)} in {@code {-1, +1}} (balanced by construction).
 *
 * <p>Draw order, fixed for reproducibility: {@code X} row by row, then the teacher column by column, then the noise,
 * all from one {@code new Random(seed)}.
 */
public final class PlantedRelu {
    private PlantedRelu() {
    }

    /**
     * A planted data set.
     *
     * @param samples {@code n >= 1}
     * @param dimension {@code d >= 1}
     * @param teacherNeurons {@code k >= 1}
     * @param noise standard deviation of the additive noise on regression targets, {@code >= 0}
     * @param classification whether to return {@code +-1} labels instead of real targets
     * @param seed the seed
     * @return {@code (X, y)}
     * @throws InvalidInputException naming the parameter on any violation
     */
    public static LabeledData generate(int samples, int dimension, int teacherNeurons, double noise,
                                       boolean classification, long seed) {
        InvalidInputException.requireAtLeast("samples", samples, 1);
        InvalidInputException.requireAtLeast("dimension", dimension, 1);
        InvalidInputException.requireAtLeast("teacherNeurons", teacherNeurons, 1);
        InvalidInputException.requireNonNegative("noise", noise);
        Generators.requireEntries("samples x dimension", samples, dimension);
        Random random = new Random(seed);
        DMatrixRMaj x = new DMatrixRMaj(samples, dimension);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = random.nextGaussian();
        }
        double[][] g = new double[teacherNeurons][dimension];
        double scale = 1.0 / Math.sqrt(dimension);
        for (double[] column : g) {
            for (int i = 0; i < dimension; i++) {
                column[i] = scale * random.nextGaussian();
            }
        }
        double[] t = new double[samples];
        for (int k = 0; k < samples; k++) {
            double s = 0;
            for (int j = 0; j < teacherNeurons; j++) {
                double z = 0;
                for (int i = 0; i < dimension; i++) {
                    z += x.data[k * dimension + i] * g[j][i];
                }
                s += (j % 2 == 0 ? 1 : -1) * Math.max(0, z);
            }
            t[k] = s;
        }
        if (classification) {
            double[] sorted = t.clone();
            java.util.Arrays.sort(sorted);
            double median = sorted[(samples - 1) / 2];
            for (int k = 0; k < samples; k++) {
                t[k] = t[k] > median ? 1 : -1;
            }
        } else if (noise > 0) {
            for (int k = 0; k < samples; k++) {
                t[k] += noise * random.nextGaussian();
            }
        }
        return new LabeledData(x, t);
    }
}
