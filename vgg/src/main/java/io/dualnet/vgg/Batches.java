package io.dualnet.vgg;

import java.util.SplittableRandom;

/**
 * Mini-batches of an {@link ImageSet} as the network sees them: optionally augmented as in the authors' script
 * (torchvision {@code RandomCrop(32, padding=4)} with zero padding, then {@code RandomHorizontalFlip()}), then
 * normalised per channel. All randomness comes from the given generator.
 */
final class Batches {
    private static final int S = VggArchitecture.SIDE;
    /** Padding of the random crop. */
    static final int CROP_PAD = 4;

    private Batches() {
    }

    /** A random permutation of {@code 0..n-1}. */
    static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * Fills {@code out} with the images {@code order[from..from+count)}, augmented when {@code random} is not null,
     * and normalised.
     */
    static void fill(ImageSet set, int[] order, int from, int count, SplittableRandom random, float[] out,
                     int[] labels) {
        int c = set.channels();
        int size = set.imageSize();
        float[] px = set.pixels();
        for (int b = 0; b < count; b++) {
            int i = order[from + b];
            labels[b] = set.labels()[i];
            int dy = 0;
            int dx = 0;
            boolean flip = false;
            if (random != null) {
                dy = random.nextInt(2 * CROP_PAD + 1) - CROP_PAD;
                dx = random.nextInt(2 * CROP_PAD + 1) - CROP_PAD;
                flip = random.nextBoolean();
            }
            for (int ch = 0; ch < c; ch++) {
                float mean = set.mean()[ch];
                float inv = 1f / set.std()[ch];
                int src = i * size + ch * ImageSet.PLANE;
                int dst = b * size + ch * ImageSet.PLANE;
                for (int r = 0; r < S; r++) {
                    int sr = r + dy;
                    for (int col = 0; col < S; col++) {
                        int sc = (flip ? S - 1 - col : col) + dx;
                        float v = sr >= 0 && sr < S && sc >= 0 && sc < S ? px[src + sr * S + sc] : 0f;
                        out[dst + r * S + col] = (v - mean) * inv;
                    }
                }
            }
        }
    }
}
