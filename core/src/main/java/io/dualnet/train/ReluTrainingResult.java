package io.dualnet.train;

import io.dualnet.net.TwoLayerReluNetwork;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link ReluAdamTrainer#train}. Without a time budget everything except the wall-clock figures
 * ({@link #wallSeconds}, {@link TracePoint#seconds}) is a deterministic function of the problem, the options and the
 * warm start, whatever the number of threads. Arrays and lists are copied in and out.
 *
 * @param network the best network: the lowest-objective iterate of the best restart; if every restart diverged,
 *     restart 0's starting network
 * @param objective {@code problem.objective(network)}, recomputed independently of the training arithmetic;
 *     {@link Double#POSITIVE_INFINITY} if every restart diverged
 * @param bestRestart index of the restart {@code network} came from, {@code -1} if every restart diverged
 * @param restartObjectives per restart, the lowest full objective it evaluated (the iterate it returns), or
 *     {@code +Inf} if it diverged
 * @param restartIterations per restart, the parameter updates it performed before it stopped (iterations, time
 *     budget, interruption or divergence)
 * @param diverged per restart, whether it hit a non-finite objective or gradient
 * @param traces per restart, its trace points in order of iteration (a diverged restart's trace stops before the
 *     divergence)
 * @param wallSeconds wall-clock seconds of the whole {@code train} call
 * @param options the options used
 */
public record ReluTrainingResult(
        TwoLayerReluNetwork network,
        double objective,
        int bestRestart,
        double[] restartObjectives,
        int[] restartIterations,
        boolean[] diverged,
        List<List<TracePoint>> traces,
        double wallSeconds,
        ReluAdamTrainer.Options options) {

    /**
     * One point of an "objective versus time" curve.
     *
     * @param seconds wall-clock seconds since the restart started (including the time spent evaluating the trace)
     * @param iteration parameter updates performed so far
     * @param objective the full objective {@code l((XU)_+ alpha, y) + (beta/2)(||U||^2 + ||alpha||^2)} at that
     *     iterate, over all samples even when training on mini-batches
     */
    public record TracePoint(double seconds, int iteration, double objective) {
    }

    /** Copies arrays and lists. */
    public ReluTrainingResult {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(options, "options");
        restartObjectives = restartObjectives.clone();
        restartIterations = restartIterations.clone();
        diverged = diverged.clone();
        List<List<TracePoint>> copy = new ArrayList<>(traces.size());
        for (List<TracePoint> t : traces) {
            copy.add(List.copyOf(t));
        }
        traces = List.copyOf(copy);
    }

    /** Number of restarts that diverged. */
    public int divergedCount() {
        int c = 0;
        for (boolean d : diverged) {
            c += d ? 1 : 0;
        }
        return c;
    }

    /** Whether every restart diverged (then {@link #network} is merely restart 0's starting network). */
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
    public String toString() {
        return "ReluTrainingResult[objective=" + objective + ", bestRestart=" + bestRestart
                + ", restartObjectives=" + Arrays.toString(restartObjectives)
                + ", restartIterations=" + Arrays.toString(restartIterations)
                + ", diverged=" + divergedCount() + ", wallSeconds=" + wallSeconds + "]";
    }
}
