package io.dualnet.train;

import io.dualnet.net.DeepLinearWeights;

import java.util.Arrays;
import java.util.Objects;

/**
 * The outcome of {@link DeepLinearTrainer#train}: the best weights over all restarts and the bookkeeping that
 * benchmarks and plots need. Everything except the two wall-clock figures ({@link #targetSeconds},
 * {@link #wallSeconds}, {@link #restartTargetSeconds}) is a deterministic function of the problem and the options,
 * whatever the number of threads. Arrays are copied in and out.
 *
 * @param bestWeights the best iterate of the best restart; if every restart diverged, restart 0's initial weights
 * @param bestObjective {@code problem.objective(bestWeights)}, recomputed independently of the training arithmetic
 * @param bestRestart index of the restart {@code bestWeights} came from ({@code -1} if every restart diverged)
 * @param restartObjectives per restart, the lowest objective it reached (the iterate it returns), or
 *     {@link Double#POSITIVE_INFINITY} if it diverged
 * @param restartIterations per restart, the number of parameter updates it performed before it stopped (tolerance,
 *     {@code maxIterations} or divergence)
 * @param diverged per restart, whether it hit a non-finite objective or gradient
 * @param totalIterations the sum of {@code restartIterations}
 * @param targetIteration if a target was set and reached: the updates spent until it was first reached when restarts
 *     are taken in index order (all updates of the earlier restarts plus the updates of the first restart that reached
 *     it); {@code -1} otherwise
 * @param targetSeconds if a target was set and reached: wall-clock seconds from the start of {@code train} until the
 *     first restart (on any thread) reached it; {@link Double#NaN} otherwise
 * @param restartTargetIterations per restart, the update count at which it first reached the target, or {@code -1}
 * @param restartTargetSeconds per restart, seconds from its own start until it first reached the target, or NaN
 * @param historyEvery sampling period of {@code history}, in updates
 * @param history {@code history[j]} is, at update {@code j * historyEvery}, the lowest objective seen so far by any
 *     restart that did not diverge (a restart that stopped early keeps its final value); {@code +Inf} if all diverged
 * @param wallSeconds wall-clock seconds of the whole {@code train} call
 * @param options the options used
 */
public record TrainingResult(
        DeepLinearWeights bestWeights,
        double bestObjective,
        int bestRestart,
        double[] restartObjectives,
        int[] restartIterations,
        boolean[] diverged,
        long totalIterations,
        long targetIteration,
        double targetSeconds,
        int[] restartTargetIterations,
        double[] restartTargetSeconds,
        int historyEvery,
        double[] history,
        double wallSeconds,
        DeepLinearTrainer.Options options) {

    /** Copies the arrays. */
    public TrainingResult {
        Objects.requireNonNull(bestWeights, "bestWeights");
        Objects.requireNonNull(options, "options");
        restartObjectives = restartObjectives.clone();
        restartIterations = restartIterations.clone();
        diverged = diverged.clone();
        restartTargetIterations = restartTargetIterations.clone();
        restartTargetSeconds = restartTargetSeconds.clone();
        history = history.clone();
    }

    /** Whether a target was set and some restart reached it. */
    public boolean targetReached() {
        return targetIteration >= 0;
    }

    /** Number of restarts that diverged. */
    public int divergedCount() {
        int c = 0;
        for (boolean d : diverged) {
            c += d ? 1 : 0;
        }
        return c;
    }

    /** Whether every restart diverged (then {@link #bestWeights} are merely restart 0's initial weights). */
    public boolean allDiverged() {
        return divergedCount() == diverged.length;
    }

    /** The update count at which {@code history[j]} was sampled. */
    public long historyIteration(int j) {
        return (long) j * historyEvery;
    }

    @Override
    public double[] restartObjectives() {
        return restartObjectives.clone();
    }

    @Override
    public int[] restartIterations() {
        return restartIterations.clone();
    }

    @Override
    public boolean[] diverged() {
        return diverged.clone();
    }

    @Override
    public int[] restartTargetIterations() {
        return restartTargetIterations.clone();
    }

    @Override
    public double[] restartTargetSeconds() {
        return restartTargetSeconds.clone();
    }

    @Override
    public double[] history() {
        return history.clone();
    }

    @Override
    public String toString() {
        return "TrainingResult[bestObjective=" + bestObjective + ", bestRestart=" + bestRestart
                + ", restartObjectives=" + Arrays.toString(restartObjectives)
                + ", restartIterations=" + Arrays.toString(restartIterations)
                + ", diverged=" + divergedCount() + ", totalIterations=" + totalIterations
                + ", targetIteration=" + targetIteration + ", targetSeconds=" + targetSeconds
                + ", wallSeconds=" + wallSeconds + "]";
    }
}
