package io.dualnet.vgg;

import io.dualnet.data.InvalidInputException;

/**
 * One configuration of Zhang et al.'s multi-branch VGG-9 (Appendix A.1, Table 2): {@code branches} identical
 * VGG-9 branches of width {@code width} on {@code channels}-channel 32 x 32 images, whose logits are averaged.
 *
 * <p>Per branch (all convolutions 3x3, padding 1, no bias, each followed by batch norm and ReLU; max-pools 2x2,
 * stride 2): conv c->w, w->w, pool; conv w->2w, 2w->2w, pool; conv 2w->4w, 4w->4w, 4w->4w, pool; flatten
 * (64w); FC 64w->4w without bias, BN, ReLU; FC 4w->10 with bias. The network's output is
 * {@code (1/I) sum_i f_i(x)}, the 1/I of the theory.
 *
 * @param channels input channels (3 for CIFAR-10, 1 for Fashion-MNIST)
 * @param width branch width w
 * @param branches number of branches I
 */
public record VggArchitecture(int channels, int width, int branches) {
    /** Classes of both data sets. */
    public static final int CLASSES = 10;
    /** Image side after padding. */
    public static final int SIDE = 32;

    /** Validates every field. */
    public VggArchitecture {
        InvalidInputException.requireAtLeast("channels", channels, 1);
        InvalidInputException.requireAtLeast("--width", width, 1);
        InvalidInputException.requireAtLeast("--branches", branches, 1);
    }

    /** Trainable parameters of one branch (weights, BN scale and shift, the last bias; not BN running stats). */
    public long parametersPerBranch() {
        long w = width;
        long convs = 9L * (channels * w + w * w + w * 2 * w + 2 * w * 2 * w + 2 * w * 4 * w + 2 * 4 * w * 4 * w);
        long bn = 2L * (w + w + 2 * w + 2 * w + 4 * w + 4 * w + 4 * w + 4 * w);
        long fc = 64 * w * 4 * w + 4 * w * CLASSES + CLASSES;
        return convs + bn + fc;
    }

    /** Trainable parameters of the whole network. */
    public long parameters() {
        return branches * parametersPerBranch();
    }

    /** Multiply-accumulates of one forward pass of one image through the whole network. */
    public long forwardMacs() {
        long w = width;
        long s = SIDE * SIDE;
        long macs = 9L * (s * (channels * w + w * w) + s / 4 * (w * 2 * w + 2 * w * 2 * w)
                + s / 16 * (2 * w * 4 * w + 2 * 4 * w * 4 * w)) + 64 * w * 4 * w + 4 * w * CLASSES;
        return branches * macs;
    }
}
