package io.dualnet.vgg;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Augmentation (crop with zero padding 4, horizontal flip) and normalisation of mini-batches. */
class BatchesTest {
    static final double ATOL = 1e-6;

    private static ImageSet ramp() {
        float[] px = new float[ImageSet.PLANE];
        for (int k = 0; k < px.length; k++) {
            px[k] = (k % 32 + 1) / 32f; // value = (column + 1) / 32, never 0
        }
        return new ImageSet("ramp", px, new int[] {3}, 1, new float[] {0.5f}, new float[] {0.25f});
    }

    @Test
    void withoutAugmentationOnlyNormalises() {
        float[] out = new float[ImageSet.PLANE];
        int[] y = new int[1];
        Batches.fill(ramp(), new int[] {0}, 0, 1, null, out, y);
        assertThat(y[0]).isEqualTo(3);
        assertThat((double) out[31]).isCloseTo((1 - 0.5) / 0.25, org.assertj.core.data.Offset.offset(ATOL));
        assertThat((double) out[0]).isCloseTo((1 / 32.0 - 0.5) / 0.25, org.assertj.core.data.Offset.offset(ATOL));
    }

    @Test
    void augmentationIsAShiftedOrFlippedCopyWithZeroPadding() {
        ImageSet set = ramp();
        SplittableRandom r = new SplittableRandom(1);
        double pad = (0 - 0.5) / 0.25;
        boolean sawFlip = false;
        boolean sawPad = false;
        for (int trial = 0; trial < 50; trial++) {
            float[] out = new float[ImageSet.PLANE];
            Batches.fill(set, new int[] {0}, 0, 1, r, out, new int[1]);
            for (int row = 0; row < 32; row++) {
                int shift = 0;
                for (int c = 0; c < 32; c++) {
                    double v = out[row * 32 + c];
                    if (Math.abs(v - pad) < ATOL) {
                        sawPad = true;
                        continue;
                    }
                    double column = (v * 0.25 + 0.5) * 32 - 1; // the source column
                    assertThat(Math.abs(column - Math.rint(column))).isLessThan(1e-3);
                    int s = Math.abs((int) Math.rint(column) - c);
                    shift = Math.max(shift, s);
                }
            }
            sawFlip |= out[16 * 32 + 20] < out[16 * 32 + 10] && Math.abs(out[16 * 32 + 10] - pad) > ATOL;
        }
        assertThat(sawFlip).isTrue();
        assertThat(sawPad).isTrue();
    }

    @Test
    void permutationIsAPermutation() {
        int[] p = Batches.permutation(100, new SplittableRandom(2));
        assertThat(p).hasSize(100);
        assertThat(java.util.Arrays.stream(p).sorted().toArray()).isEqualTo(java.util.stream.IntStream.range(0, 100)
                .toArray());
    }
}
