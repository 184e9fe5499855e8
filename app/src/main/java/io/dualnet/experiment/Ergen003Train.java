package io.dualnet.experiment;

import io.dualnet.train.LinearNetworkTrainer;

import java.io.Serializable;
import java.util.Locale;

/**
 * The training settings of a paper-003 cell, applied on top of {@link LinearNetworkTrainer.Options#defaults}.
 *
 * @param optimizer GD or ADAM
 * @param learningRate initial step
 * @param learningRateDecay final step as a fraction of the initial one (1: constant)
 * @param iterations updates per restart
 * @param restarts random starts
 * @param initScale initial scale
 * @param seed trainer seed
 */
public record Ergen003Train(LinearNetworkTrainer.Optimizer optimizer, double learningRate, double learningRateDecay,
                            int iterations, int restarts, double initScale, long seed) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Key fragment. */
    public String key() {
        return String.format(Locale.ROOT, "%s-lr%s-dec%s-it%d-r%d-i%s-t%d", optimizer.name().toLowerCase(Locale.ROOT),
                Ergen003Linear.num(learningRate), Ergen003Linear.num(learningRateDecay), iterations, restarts,
                Ergen003Linear.num(initScale), seed);
    }

    /** Trainer options (single-threaded: parallelism is across cells). */
    public LinearNetworkTrainer.Options options(int... hiddenWidths) {
        return LinearNetworkTrainer.Options.defaults(hiddenWidths).withOptimizer(optimizer)
                .withLearningRate(learningRate, learningRateDecay).withIterations(iterations).withRestarts(restarts)
                .withInitScale(initScale).withSeed(seed).withThreads(1);
    }

    /** The same settings with another iteration budget. */
    public Ergen003Train withIterations(int v) {
        return new Ergen003Train(optimizer, learningRate, learningRateDecay, v, restarts, initScale, seed);
    }
}
