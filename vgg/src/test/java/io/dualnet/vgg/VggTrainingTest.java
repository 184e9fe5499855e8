package io.dualnet.vgg;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Training: a tiny network overfits a few images; weight decay and Nesterov momentum act as in PyTorch; the MultiStep
 * schedule acts at its milestones.
 */
class VggTrainingTest {
    /** Relative float32 tolerance of the first-step weight-decay identity. */
    static final double DECAY_RTOL = 1e-4;
    /** Agreement of two runs that differ only by steps below float32 resolution (same seeds, one engine thread). */
    static final double SCHEDULE_ATOL = 1e-6;
    /** A full-rate epoch moves some weight by more than this. */
    static final double MOVED = 1e-4;

    @BeforeAll
    static void offline() {
        DjlEnvironment.configure(1);
    }

    static ImageSet randomImages(int n, int channels, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] px = new float[n * channels * ImageSet.PLANE];
        for (int k = 0; k < px.length; k++) {
            px[k] = (float) r.nextDouble();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % VggArchitecture.CLASSES;
        }
        float[] mean = new float[channels];
        float[] std = new float[channels];
        java.util.Arrays.fill(mean, 0.5f);
        java.util.Arrays.fill(std, 0.29f);
        return new ImageSet("random", px, labels, channels, mean, std);
    }

    @Test
    void tinyNetworkOverfitsAFewImages() {
        ImageSet few = randomImages(10, 1, 5);
        VggSettings s = new VggSettings(40, 10, 0.05, 0.9, 5e-4, new double[] {0.9}, 0.1, false);
        try (VggTraining t = new VggTraining(new VggArchitecture(1, 4, 2), 1)) {
            VggHistory h = t.train(few, few, s, 2, null);
            assertThat(h.trainLoss()[0]).isGreaterThan(1.5);
            assertThat(h.trainLoss()[h.trainLoss().length - 1]).isLessThan(0.05);
            assertThat(h.testAccuracy()[h.testAccuracy().length - 1]).isEqualTo(1.0);
            assertThat(java.util.Arrays.stream(h.epochSeconds()).min().orElse(0)).isPositive();
        }
    }

    /**
     * From the same weights and batch, one step with weight decay wd moves every parameter by exactly
     * {@code -lr (1 + mu) wd w} more than the step without (first Nesterov step: b = g + wd w, update
     * lr (g + wd w + mu b)); the factor (1 + mu) is Nesterov's, plain momentum would give 1.
     */
    @Test
    void weightDecayChangesTheWeightsAsPyTorchDoes() {
        ImageSet batch = randomImages(8, 1, 9);
        float[] x = new float[8 * batch.imageSize()];
        int[] y = new int[8];
        Batches.fill(batch, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, 0, 8, null, x, y);
        double lr = 0.1;
        double mu = 0.9;
        double wd = 0.01;
        VggArchitecture a = new VggArchitecture(1, 2, 2);
        try (VggTraining plain = new VggTraining(a, 4); VggTraining decayed = new VggTraining(a, 4)) {
            List<float[]> before = values(plain.trainable());
            plain.step(x, y, 8, 1, new NesterovSgd(plain.trainable(), mu, 0, manager(plain)), lr);
            decayed.step(x, y, 8, 1, new NesterovSgd(decayed.trainable(), mu, wd, manager(decayed)), lr);
            List<float[]> p = values(plain.trainable());
            List<float[]> d = values(decayed.trainable());
            double changed = 0;
            for (int k = 0; k < before.size(); k++) {
                for (int j = 0; j < before.get(k).length; j++) {
                    double expected = -lr * (1 + mu) * wd * before.get(k)[j];
                    double actual = d.get(k)[j] - p.get(k)[j];
                    assertThat(actual).isCloseTo(expected,
                            org.assertj.core.data.Offset.offset(DECAY_RTOL * Math.abs(before.get(k)[j]) + 1e-7));
                    changed = Math.max(changed, Math.abs(actual));
                }
            }
            assertThat(changed).isGreaterThan(1e-5);
        }
    }

    /**
     * The MultiStep schedule acts in training at its milestone epoch and not before: with gamma = 1e-30 the epochs
     * from the milestone on leave the weights unchanged (the step is below float32 resolution), so a 3-epoch run whose
     * milestone is epoch 2 (fraction 0.5: round(1.5) = 2) ends on the weights of a 2-epoch run without a milestone,
     * and one whose milestone is epoch 1 (fraction 0.2) on those of a 1-epoch run; with gamma = 1 epoch 2 moves them.
     */
    @Test
    void scheduleFiresAtItsMilestoneEpochInTraining() {
        ImageSet data = randomImages(16, 1, 21);
        VggArchitecture a = new VggArchitecture(1, 2, 2);
        double tiny = 1e-30;
        List<float[]> twoEpochs = trained(a, data, settings(2, 0.9, 0.1));
        List<float[]> oneEpoch = trained(a, data, settings(1, 0.9, 0.1));
        List<float[]> decayAt2 = trained(a, data, settings(3, 0.5, tiny));
        List<float[]> decayAt1 = trained(a, data, settings(3, 0.2, tiny));
        List<float[]> noDecay = trained(a, data, settings(3, 0.5, 1));
        assertThat(maxDifference(decayAt2, twoEpochs)).isLessThan(SCHEDULE_ATOL);
        assertThat(maxDifference(decayAt1, oneEpoch)).isLessThan(SCHEDULE_ATOL);
        assertThat(maxDifference(twoEpochs, oneEpoch)).isGreaterThan(MOVED);
        assertThat(maxDifference(noDecay, twoEpochs)).isGreaterThan(MOVED);
    }

    /**
     * Test accuracy does not depend on the inference batch (batch norm uses its running statistics), and the batch
     * shrinks with the network so that one forward's activations stay bounded: a batch of 500 at I = 32, w = 32 held
     * about 15 GB and was killed by the kernel.
     */
    @Test
    void inferenceBatchIsBoundedAndDoesNotChangeTheAccuracy() {
        ImageSet data = randomImages(23, 1, 31);
        try (VggTraining t = new VggTraining(new VggArchitecture(1, 2, 3), 5)) {
            t.train(data, data, settings(2, 0.5, 0.1), 3, null);
            double all = t.accuracy(data, VggTraining.MAX_EVAL_BATCH);
            assertThat(t.accuracy(data, 1)).isEqualTo(all);
            assertThat(t.accuracy(data, 7)).isEqualTo(all);
            assertThat(t.accuracy(data)).isEqualTo(all);
            assertThat(VggTraining.evalBatch(t.architecture())).isEqualTo(VggTraining.MAX_EVAL_BATCH);
        }
        for (int[] wi : new int[][] {{16, 1}, {32, 4}, {32, 32}, {64, 64}, {4096, 4096}}) {
            int b = VggTraining.evalBatch(new VggArchitecture(1, wi[0], wi[1]));
            assertThat(b).isBetween(1, VggTraining.MAX_EVAL_BATCH);
            assertThat(b == 1 || (long) b * VggTraining.ACTIVATION_BYTES_PER_WIDTH * wi[0] * wi[1]
                    <= VggTraining.EVAL_MEMORY_BYTES).isTrue();
        }
        assertThat(VggTraining.evalBatch(new VggArchitecture(1, 32, 32))).isLessThan(10);
    }

    /** Batch 8, lr 0.05, Nesterov 0.9, weight decay 5e-4, one milestone at {@code fraction}, no augmentation. */
    private static VggSettings settings(int epochs, double fraction, double gamma) {
        return new VggSettings(epochs, 8, 0.05, 0.9, 5e-4, new double[] {fraction}, gamma, false);
    }

    private static List<float[]> trained(VggArchitecture a, ImageSet data, VggSettings s) {
        try (VggTraining t = new VggTraining(a, 13)) {
            t.train(data, data, s, 17, null);
            return values(t.trainable());
        }
    }

    private static double maxDifference(List<float[]> p, List<float[]> q) {
        double d = 0;
        for (int k = 0; k < p.size(); k++) {
            for (int j = 0; j < p.get(k).length; j++) {
                d = Math.max(d, Math.abs(p.get(k)[j] - q.get(k)[j]));
            }
        }
        return d;
    }

    private static ai.djl.ndarray.NDManager manager(VggTraining t) {
        return t.trainable().get(0).getArray().getManager();
    }

    private static List<float[]> values(List<Parameter> params) {
        return params.stream().map(Parameter::getArray).map(NDArray::toFloatArray).toList();
    }
}
