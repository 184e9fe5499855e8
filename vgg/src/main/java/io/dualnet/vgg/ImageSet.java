package io.dualnet.vgg;

import io.dualnet.data.InvalidInputException;

/**
 * Labelled 32 x 32 images, pixels in [0, 1], stored image-major as {@code (n, channels, 32, 32)}, with the data
 * set's per-channel normalisation constants.
 *
 * @param name data set name shown in reports ("CIFAR-10", "Fashion-MNIST")
 * @param pixels {@code n * channels * 32 * 32} values in [0, 1]
 * @param labels n class labels in 0..9
 * @param channels channels per image
 * @param mean per-channel mean subtracted before the network
 * @param std per-channel standard deviation divided by before the network
 */
public record ImageSet(String name, float[] pixels, int[] labels, int channels, float[] mean, float[] std) {
    /** Values per image channel. */
    public static final int PLANE = VggArchitecture.SIDE * VggArchitecture.SIDE;

    /** Validates the shapes. */
    public ImageSet {
        InvalidInputException.requireAtLeast("channels", channels, 1);
        if ((long) labels.length * channels * PLANE != pixels.length) {
            throw new InvalidInputException("pixels", pixels.length, labels.length + " x " + channels + " x 32 x 32 values");
        }
        if (mean.length != channels || std.length != channels) {
            throw new InvalidInputException("mean/std", mean.length, channels + " per-channel constants");
        }
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** Values per image. */
    public int imageSize() {
        return channels * PLANE;
    }
}
