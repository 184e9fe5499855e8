package io.dualnet.data;

import java.util.Objects;
import java.util.Random;

/**
 * A seeded random split of a data set into a training and a test part.
 *
 * <p>{@link #of} shuffles the sample indices with a Fisher-Yates shuffle driven by {@code new Random(seed)} (whose
 * algorithm the Java specification fixes, so a seed gives the same split on every JVM), puts the first
 * {@code round(n * testFraction)} shuffled samples into the test part and the rest into the training part, each in
 * shuffled order. Every sample lands in exactly one part.
 *
 * @param train the training part, at least one sample
 * @param test the test part, at least one sample
 */
public record TrainTestSplit(LabeledData train, LabeledData test) {

    /** Requires both parts. */
    public TrainTestSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }

    /**
     * Fashion-MNIST's default pair (T-shirt/top {@code -1} against shirt {@code +1}): the first {@code samples}
     * training images ({@code 0}: all) and every test image of the pair, both standardised with the training part's
     * statistics ({@link Standardizer}).
     *
     * @throws InvalidInputException when the data set is not installed (see {@link FashionMnist})
     */
    public static TrainTestSplit fashionPair(int samples) {
        FashionMnist fm = new FashionMnist();
        LabeledData train = fm.binary(FashionMnist.Split.TRAIN, FashionMnist.DEFAULT_CLASS_A,
                FashionMnist.DEFAULT_CLASS_B, samples);
        LabeledData test = fm.binary(FashionMnist.Split.TEST, FashionMnist.DEFAULT_CLASS_A,
                FashionMnist.DEFAULT_CLASS_B, 0);
        Standardizer s = Standardizer.fit(train.x());
        return new TrainTestSplit(s.apply(train), s.apply(test));
    }

    /**
     * Splits {@code data} at random.
     *
     * @param data the data set, at least two samples
     * @param testFraction the share of samples for the test part, in {@code (0, 1)}; {@code round(n * testFraction)}
     *     must be between 1 and {@code n - 1}
     * @param seed the shuffle's seed
     * @throws InvalidInputException naming {@code testFraction} if it is out of range or leaves a part empty
     */
    public static TrainTestSplit of(LabeledData data, double testFraction, long seed) {
        Objects.requireNonNull(data, "data");
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new InvalidInputException("testFraction", testFraction, "a number in (0, 1)");
        }
        int n = data.samples();
        long testCount = Math.round(n * testFraction);
        if (testCount < 1 || testCount > n - 1) {
            throw new InvalidInputException("testFraction", testFraction, "a fraction that leaves at least one of the "
                    + n + " samples in each part (it puts " + testCount + " into the test part)");
        }
        int[] order = permutation(n, seed);
        int[] test = new int[(int) testCount];
        int[] train = new int[n - test.length];
        System.arraycopy(order, 0, test, 0, test.length);
        System.arraycopy(order, test.length, train, 0, train.length);
        return new TrainTestSplit(data.rows(train), data.rows(test));
    }

    /** A uniformly random permutation of {@code 0..n-1}, seeded. */
    static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        Random rng = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
