package io.dualnet.vgg;

import io.dualnet.experiment.GridCell;

import java.util.Arrays;
import java.util.Locale;

/**
 * One cell of the A.1 grid: a data set, a budget, a nominal width and a branch count, with every training setting
 * and the seed.
 *
 * @param cifar10 folder of the CIFAR-10 binary files, or null for Fashion-MNIST
 * @param budget "branch" or "total"
 * @param width nominal width w
 * @param branchWidth width of each branch (w for "branch", round(w/sqrt(I)) for "total")
 * @param branches branch count I
 * @param samples training images
 * @param testSamples test images
 * @param epochs epochs
 * @param batchSize batch size
 * @param learningRate initial learning rate
 * @param momentum Nesterov momentum
 * @param weightDecay weight decay
 * @param milestones milestone fractions
 * @param gamma milestone factor
 * @param augment crop and flip
 * @param seed the cell's seed (initialisation, shuffling, augmentation)
 */
public record ZhangVggCell(String cifar10, String budget, int width, int branchWidth, int branches, int samples,
                           int testSamples, int epochs, int batchSize, double learningRate, double momentum,
                           double weightDecay, double[] milestones, double gamma, boolean augment, long seed)
        implements GridCell {

    /** Name of the data set. */
    public String dataset() {
        return cifar10 == null ? "Fashion-MNIST" : "CIFAR-10";
    }

    /** The architecture trained by this cell. */
    public VggArchitecture architecture() {
        return new VggArchitecture(cifar10 == null ? 1 : 3, branchWidth, branches);
    }

    /** The training settings. */
    public VggSettings settings() {
        return new VggSettings(epochs, batchSize, learningRate, momentum, weightDecay, milestones, gamma, augment);
    }

    /** Stable, filename-safe key encoding every parameter (the settings beyond the grid's axes as a hash). */
    @Override
    public String key() {
        String rest = String.format(Locale.ROOT, "%s|%d|%s|%s|%s|%s|%s|%s|%d", cifar10, batchSize, learningRate,
                momentum, weightDecay, Arrays.toString(milestones), gamma, augment, testSamples);
        return String.format(Locale.ROOT, "%s-%s-w%d-bw%d-i%d-n%d-e%d-s%d-%08x",
                cifar10 == null ? "fmnist" : "cifar10", budget, width, branchWidth, branches, samples, epochs, seed,
                rest.hashCode());
    }

    /** Short label for progress bars. */
    public String label() {
        return String.format(Locale.ROOT, "%s w=%d I=%d (%s)", dataset(), width, branches, budget);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZhangVggCell c && c.key().equals(key());
    }

    @Override
    public int hashCode() {
        return key().hashCode();
    }
}
