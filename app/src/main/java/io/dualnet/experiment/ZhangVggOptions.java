package io.dualnet.experiment;

import io.dualnet.data.InvalidInputException;

import java.nio.file.Path;
import java.util.List;

/**
 * Settings of the multi-branch VGG-9 experiment (Zhang et al., Appendix A.1, Figure 5): the grid (branch counts x
 * widths x budgets) and the training of every cell. Field names follow the {@code dualnet repro zhang-vgg} flags.
 *
 * @param branches branch counts I, each at least 1
 * @param widths nominal widths w, each at least 1
 * @param budgets how the width is spent as I grows
 * @param epochs training epochs per cell
 * @param samples training images (the first N of the training set)
 * @param testSamples test images (the first M of the test set)
 * @param batchSize mini-batch size, at most {@code samples}
 * @param learningRate initial learning rate (the authors do not record theirs)
 * @param momentum Nesterov momentum
 * @param weightDecay weight decay, applied to every parameter
 * @param milestones MultiStep milestones as fractions of the epochs
 * @param gamma learning-rate factor at each milestone
 * @param augment random crop (padding 4) and horizontal flip of the training images
 * @param cifar10 folder of the CIFAR-10 binary files, or null for Fashion-MNIST from the Debian package
 * @param seed master seed of the grid
 * @param threads intra-op threads of the engine
 */
public record ZhangVggOptions(List<Integer> branches, List<Integer> widths, List<VggBudget> budgets, int epochs,
                              int samples, int testSamples, int batchSize, double learningRate, double momentum,
                              double weightDecay, List<Double> milestones, double gamma, boolean augment,
                              Path cifar10, long seed, int threads) {
    /** The authors' milestones 150, 225, 275 of 300 epochs, as fractions. */
    public static final List<Double> PAPER_MILESTONES = List.of(0.5, 0.75, 275.0 / 300.0);
    /** Default learning rate. */
    public static final double LEARNING_RATE = 0.05;
    /** Default momentum. */
    public static final double MOMENTUM = 0.9;
    /** Default weight decay. */
    public static final double WEIGHT_DECAY = 5e-4;
    /** Validates every field (flag names in the messages). */
    public ZhangVggOptions {
        branches = positive("--branches", branches);
        widths = positive("--width", widths);
        if (budgets == null || budgets.isEmpty()) {
            throw new InvalidInputException("--budget", budgets, "one or more of branch, total");
        }
        budgets = List.copyOf(budgets);
        InvalidInputException.requireAtLeast("--epochs", epochs, 1);
        InvalidInputException.requireAtLeast("--samples", samples, 1);
        InvalidInputException.requireAtLeast("--test-samples", testSamples, 1);
        InvalidInputException.requireAtLeast("--batch-size", batchSize, 1);
        if (batchSize > samples) {
            throw new InvalidInputException("--batch-size", batchSize,
                    "at most the number of training images (--samples " + samples + ")");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new InvalidInputException("--lr", learningRate, "a positive number");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new InvalidInputException("--momentum", momentum, "a number in [0, 1)");
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new InvalidInputException("--weight-decay", weightDecay, "a non-negative number");
        }
        milestones = List.copyOf(milestones);
        for (int k = 0; k < milestones.size(); k++) {
            double m = milestones.get(k);
            if (!(m > 0 && m < 1) || (k > 0 && m <= milestones.get(k - 1))) {
                throw new InvalidInputException("--milestones", milestones, "increasing fractions in (0, 1)");
            }
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new InvalidInputException("--gamma", gamma, "a number in (0, 1]");
        }
        InvalidInputException.requireAtLeast("--threads", threads, 1);
    }

    /**
     * The report's grid: quick (CI, a few minutes) or the Fashion-MNIST grid recorded in docs/benchmarks.md (width
     * 16, I = 1, 2, 4, 8, both budgets, 4 epochs on 1000 images; 30 minutes on two heavily shared cores).
     */
    public static ZhangVggOptions defaults(boolean quick, long seed, int threads) {
        if (quick) {
            return new ZhangVggOptions(List.of(1, 2, 4), List.of(4, 8), List.of(VggBudget.BRANCH, VggBudget.TOTAL),
                    3, 512, 500, 32, LEARNING_RATE, MOMENTUM, WEIGHT_DECAY, PAPER_MILESTONES, 0.1, true, null, seed,
                    threads);
        }
        return new ZhangVggOptions(List.of(1, 2, 4, 8), List.of(16), List.of(VggBudget.BRANCH, VggBudget.TOTAL),
                4, 1000, 500, 50, LEARNING_RATE, MOMENTUM, WEIGHT_DECAY, PAPER_MILESTONES, 0.1, true, null,
                seed, threads);
    }

    /** Name of the data set the cells train on. */
    public String dataset() {
        return cifar10 == null ? "Fashion-MNIST" : "CIFAR-10";
    }

    private static List<Integer> positive(String flag, List<Integer> values) {
        if (values == null || values.isEmpty()) {
            throw new InvalidInputException(flag, values, "a comma-separated list of positive integers");
        }
        for (Integer v : values) {
            if (v == null || v < 1) {
                throw new InvalidInputException(flag, v, "positive integers");
            }
        }
        return List.copyOf(values);
    }
}
