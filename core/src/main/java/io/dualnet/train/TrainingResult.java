package io.dualnet.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a restarted trainer ({@link DeepLinearTrainer#train}, {@link ReluAdamTrainer#train}): the best
 * weights over all restarts and the bookkeeping that benchmarks and plots need. Everything except the wall-clock
 * figures ({@link #wallSeconds}, {@link #targetSeconds}, {@link #restartTargetSeconds}, {@link TracePoint#seconds}) is
 * a deterministic function of the problem, the options and the warm start, whatever the number of threads. Arrays and
 * lists are copied in and out.
 *
 * @param best the best iterate of the best restart; if every restart diverged, restart 0's starting weights
 * @param objective the problem's objective at {@code best}, recomputed independently of the training arithmetic
 *     ({@link Double#POSITIVE_INFINITY} from trainers that report no value when every restart diverged)
 * @param bestRestart index of the restart {@code best} came from, {@code -1} if every restart diverged
 * @param restartObjectives per restart, the lowest objective it evaluated (the iterate it returns), or
 *     {@link Double#POSITIVE_INFINITY} if it diverged
 * @param restartIterations per restart, the parameter updates it performed before it stopped (tolerance, iteration or
 *     time budget, interruption or divergence)
 * @param diverged per restart, whether it hit a non-finite objective or gradient
 * @param targetIteration if a target was set and reached: the updates spent until it was first reached when restarts
 *     are taken in index order (all updates of the earlier restarts plus the updates of the first restart that reached
 *     it); {@code -1} otherwise
 * @param targetSeconds if a target was set and reached: wall-clock seconds from the start of {@code train} until the
 *     first restart (on any thread) reached it; {@link Double#NaN} otherwise
 * @param restartTargetIterations per restart, the update count at which it first reached the target, or {@code -1}
 * @param restartTargetSeconds per restart, seconds from its own start until it first reached the target, or NaN
 * @param traces per restart, its trace points in order of iteration (a diverged restart's trace stops before the
 *     divergence)
 * @param wallSeconds wall-clock seconds of the whole {@code train} call
 * @param options the trainer's options
 * @param <W> the weights' type
 * @param <O> the options' type
 */
public record TrainingResult<W, O>(
        W best,
        double objective,
        int bestRestart,
        double[] restartObjectives,
        int[] restartIterations,
        boolean[] diverged,
        long targetIteration,
        double targetSeconds,
        int[] restartTargetIterations,
        double[] restartTargetSeconds,
        List<List<TracePoint>> traces,
        double wallSeconds,
        O options) {

    /**
     * One point of an "objective versus iterations and time" curve of one restart.
     *
     * @param seconds wall-clock seconds since the restart started (including the time spent evaluating the trace)
     * @param iteration parameter updates performed so far
     * @param objective the full objective at that iterate (over all samples, also when training on mini-batches)
     * @param best the lowest objective the restart has evaluated so far, this iterate included
     */
    public record TracePoint(double seconds, int iteration, double objective, double best) {
    }

    /** Validates the lengths and copies arrays and lists. */
    public TrainingResult {
        Objects.requireNonNull(best, "best");
        Objects.requireNonNull(options, "options");
        int restarts = restartObjectives.length;
        if (restartIterations.length != restarts || diverged.length != restarts
                || restartTargetIterations.length != restarts || restartTargetSeconds.length != restarts
                || traces.size() != restarts) {
            throw new IllegalArgumentException("per-restart arrays and traces of different lengths");
        }
        restartObjectives = restartObjectives.clone();
        restartIterations = restartIterations.clone();
        diverged = diverged.clone();
        restartTargetIterations = restartTargetIterations.clone();
        restartTargetSeconds = restartTargetSeconds.clone();
        List<List<TracePoint>> copy = new ArrayList<>(traces.size());
        for (List<TracePoint> t : traces) {
            copy.add(List.copyOf(t));
        }
        traces = List.copyOf(copy);
    }

    /** A result of a trainer run without a target (every target field says "not reached"). */
    public static <W, O> TrainingResult<W, O> withoutTarget(W best, double objective, int bestRestart,
            double[] restartObjectives, int[] restartIterations, boolean[] diverged, List<List<TracePoint>> traces,
            double wallSeconds, O options) {
        int[] never = new int[restartObjectives.length];
        Arrays.fill(never, -1);
        double[] nan = new double[restartObjectives.length];
        Arrays.fill(nan, Double.NaN);
        return new TrainingResult<>(best, objective, bestRestart, restartObjectives, restartIterations, diverged, -1,
                Double.NaN, never, nan, traces, wallSeconds, options);
    }

    /** Number of restarts. */
    public int restarts() {
        return restartObjectives.length;
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

    /** Whether every restart diverged (then {@link #best} is merely restart 0's starting weights). */
    public boolean allDiverged() {
        return bestRestart < 0;
    }

    /** The trace of the best restart (of restart 0 if every restart diverged). */
    public List<TracePoint> bestTrace() {
        return traces.get(Math.max(bestRestart, 0));
    }

    /** Total parameter updates over all restarts. */
    public long totalIterations() {
        long s = 0;
        for (int i : restartIterations) {
            s += i;
        }
        return s;
    }

    /**
     * The lowest objective that any restart which did not diverge had reached after {@code iteration} updates: per
     * restart, {@link TracePoint#best} of its last trace point at or before {@code iteration}, or its final objective
     * once it has stopped ({@code restartIterations <= iteration}); {@code +Inf} if every restart diverged.
     */
    public double bestAt(long iteration) {
        double b = Double.POSITIVE_INFINITY;
        for (int r = 0; r < restarts(); r++) {
            if (diverged[r]) {
                continue;
            }
            if (restartIterations[r] <= iteration) {
                b = Math.min(b, restartObjectives[r]);
                continue;
            }
            for (TracePoint p : traces.get(r)) {
                if (p.iteration() > iteration) {
                    break;
                }
                b = Math.min(b, p.best());
            }
        }
        return b;
    }

    /** {@link #bestAt} at updates {@code 0, every, 2 every, ...}: {@code points} values. */
    public double[] bestSoFar(int every, int points) {
        double[] h = new double[points];
        for (int j = 0; j < points; j++) {
            h[j] = bestAt((long) j * every);
        }
        return h;
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
    public String toString() {
        return "TrainingResult[objective=" + objective + ", bestRestart=" + bestRestart
                + ", restartObjectives=" + Arrays.toString(restartObjectives)
                + ", restartIterations=" + Arrays.toString(restartIterations)
                + ", diverged=" + divergedCount() + ", totalIterations=" + totalIterations()
                + ", targetIteration=" + targetIteration + ", targetSeconds=" + targetSeconds
                + ", wallSeconds=" + wallSeconds + "]";
    }
}
