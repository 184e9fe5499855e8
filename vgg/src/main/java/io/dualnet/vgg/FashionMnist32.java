package io.dualnet.vgg;

import io.dualnet.data.FashionMnist;
import org.ejml.data.DMatrixRMaj;

/**
 * Fashion-MNIST from the Debian package {@code dataset-fashion-mnist} (core {@link FashionMnist}), each 28 x 28
 * image zero-padded by 2 pixels on every side to 32 x 32, one channel; normalised with the training set's mean
 * 0.2860 and std 0.3530. The stand-in for CIFAR-10 when no {@code --cifar10} folder is given.
 */
public final class FashionMnist32 {
    static final float[] MEAN = {0.2860f};
    static final float[] STD = {0.3530f};
    private static final int SIDE = 28;
    private static final int PAD = (VggArchitecture.SIDE - SIDE) / 2;

    private final FashionMnist source;

    public FashionMnist32() {
        this(new FashionMnist());
    }

    public FashionMnist32(FashionMnist source) {
        this.source = source;
    }

    /** Whether the package's files are there. */
    public boolean available() {
        return source.available();
    }

    /** The first {@code limit} images of {@code split}, padded. */
    public ImageSet read(FashionMnist.Split split, int limit) {
        DMatrixRMaj x = source.images(split, limit);
        int[] labels = source.labels(split, limit);
        int n = x.numRows;
        float[] pixels = new float[n * ImageSet.PLANE];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < SIDE; r++) {
                for (int c = 0; c < SIDE; c++) {
                    pixels[i * ImageSet.PLANE + (r + PAD) * VggArchitecture.SIDE + c + PAD] =
                            (float) x.get(i, r * SIDE + c);
                }
            }
        }
        return new ImageSet("Fashion-MNIST", pixels, labels, 1, MEAN.clone(), STD.clone());
    }
}
