package io.dualnet.experiment;

import io.dualnet.data.FashionMnist;
import io.dualnet.data.InvalidInputException;
import io.dualnet.deeprelu.Whitening;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.SymmetricEigen;
import org.ejml.data.DMatrixRMaj;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data of paper 003 Figure 4 on Fashion-MNIST (Debian {@code dataset-fashion-mnist}): undersampled, reduced to
 * {@code d} features, whitened, one-hot labels.
 *
 * <p><b>How the {@code d = 90} features are obtained</b> (the paper does not say): pixels scaled to {@code [0, 1]};
 * the first {@code pool} training images give the pixel mean {@code mu} and the top-{@code d} principal directions
 * {@code V_d} (eigenvectors of the pool's covariance); every image {@code x} becomes {@code (x - mu) V_d}. The
 * {@code n} training samples are {@code n / 10} images per class drawn at random (seeded) from the pool; the
 * {@code testSize} test points are drawn at random from the test split. Whitening: {@link Whitening} fitted on the
 * {@code n} training rows ({@code X X^T = I_n}), the same right multiplier {@code M} applied to the test rows.
 *
 * @param n training samples, a multiple of 10, {@code <= d}
 * @param d features, at most {@link FashionMnist#PIXELS}
 * @param testSize test points
 * @param pool training images used for the mean and principal directions, {@code >= d}
 * @param seed seed of the draws
 */
public record Ergen003FashionWhitened(int n, int d, int testSize, int pool, long seed) implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Map<Ergen003FashionWhitened, Built> CACHE = new ConcurrentHashMap<>();

    /** Validates every field. */
    public Ergen003FashionWhitened {
        InvalidInputException.requireAtLeast("n", n, FashionMnist.CLASSES);
        if (n % FashionMnist.CLASSES != 0) {
            throw new InvalidInputException("n", n, "a multiple of " + FashionMnist.CLASSES);
        }
        InvalidInputException.requireAtLeast("d", d, n);
        if (d > FashionMnist.PIXELS) {
            throw new InvalidInputException("d", d, "at most " + FashionMnist.PIXELS + " principal directions (the "
                    + "pixels of an image)");
        }
        InvalidInputException.requireAtLeast("testSize", testSize, 1);
        InvalidInputException.requireAtLeast("pool", pool, Math.max(d, 10 * n));
    }

    /** Filename-safe key. */
    public String key() {
        return "fmnist-n" + n + "-d" + d + "-t" + testSize + "-p" + pool + "-s" + seed;
    }

    /**
     * The built data set.
     *
     * @param x whitened training inputs {@code n x d}
     * @param y one-hot training labels {@code n x 10}
     * @param xTest test inputs mapped by the same {@code M}, {@code testSize x d}
     * @param yTest one-hot test labels
     * @param testLabels test classes {@code 0..9}
     * @param explainedVariance share of the pool's pixel variance kept by the {@code d} principal directions
     */
    public record Built(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj xTest, DMatrixRMaj yTest, int[] testLabels,
            double explainedVariance) {
    }

    /** Builds (once per process; the result is immutable by convention: callers must not modify it). */
    public Built build() {
        return CACHE.computeIfAbsent(this, k -> k.compute(new FashionMnist()));
    }

    private Built compute(FashionMnist source) {
        DMatrixRMaj images = source.images(FashionMnist.Split.TRAIN, pool);
        int[] labels = source.labels(FashionMnist.Split.TRAIN, pool);
        int p = images.numCols;
        double[] mu = new double[p];
        for (int i = 0; i < images.numRows; i++) {
            for (int j = 0; j < p; j++) {
                mu[j] += images.get(i, j) / images.numRows;
            }
        }
        DMatrixRMaj centred = images.copy();
        for (int i = 0; i < centred.numRows; i++) {
            for (int j = 0; j < p; j++) {
                centred.data[i * p + j] -= mu[j];
            }
        }
        SymmetricEigen eig = Linalg.get().eigSymmetric(Linalg.get().mult(centred, true, centred, false));
        DMatrixRMaj v = new DMatrixRMaj(p, d);
        double kept = 0;
        double total = 0;
        for (int k = 0; k < eig.values().length; k++) {
            total += Math.max(0, eig.values()[k]);
            if (k < d) {
                kept += eig.values()[k];
                for (int j = 0; j < p; j++) {
                    v.set(j, k, eig.vectors().get(j, k));
                }
            }
        }
        Random rng = new Random(seed);
        List<Integer> chosen = new ArrayList<>();
        int per = n / FashionMnist.CLASSES;
        for (int c = 0; c < FashionMnist.CLASSES; c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    members.add(i);
                }
            }
            if (members.size() < per) {
                throw new InvalidInputException("pool", pool, "a pool with at least " + per + " images of class " + c);
            }
            java.util.Collections.shuffle(members, rng);
            chosen.addAll(members.subList(0, per));
        }
        DMatrixRMaj raw = features(rows(centred, chosen), v, null);
        DMatrixRMaj y = oneHot(chosen.stream().mapToInt(i -> labels[i]).toArray());
        DMatrixRMaj testImages = source.images(FashionMnist.Split.TEST, 0);
        int[] testAll = source.labels(FashionMnist.Split.TEST, 0);
        List<Integer> testRows = new ArrayList<>();
        for (int i = 0; i < testAll.length; i++) {
            testRows.add(i);
        }
        java.util.Collections.shuffle(testRows, rng);
        testRows = testRows.subList(0, Math.min(testSize, testRows.size()));
        DMatrixRMaj rawTest = features(rows(testImages, testRows), v, mu);
        int[] testLabels = testRows.stream().mapToInt(i -> testAll[i]).toArray();
        Whitening w = Whitening.fit(raw);
        return new Built(w.apply(raw), y, w.apply(rawTest), oneHot(testLabels), testLabels,
                total > 0 ? kept / total : 0);
    }

    private static DMatrixRMaj rows(DMatrixRMaj a, List<Integer> rows) {
        DMatrixRMaj out = new DMatrixRMaj(rows.size(), a.numCols);
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(a.data, rows.get(i) * a.numCols, out.data, i * a.numCols, a.numCols);
        }
        return out;
    }

    /** {@code (a - mu) V} ({@code mu == null}: {@code a} is already centred). */
    private static DMatrixRMaj features(DMatrixRMaj a, DMatrixRMaj v, double[] mu) {
        DMatrixRMaj c = a;
        if (mu != null) {
            c = a.copy();
            for (int i = 0; i < c.numRows; i++) {
                for (int j = 0; j < c.numCols; j++) {
                    c.data[i * c.numCols + j] -= mu[j];
                }
            }
        }
        return Linalg.get().mult(c, false, v, false);
    }

    /** One-hot rows for classes {@code 0..9}. */
    public static DMatrixRMaj oneHot(int[] labels) {
        DMatrixRMaj y = new DMatrixRMaj(labels.length, FashionMnist.CLASSES);
        for (int i = 0; i < labels.length; i++) {
            y.set(i, labels[i], 1);
        }
        return y;
    }
}
