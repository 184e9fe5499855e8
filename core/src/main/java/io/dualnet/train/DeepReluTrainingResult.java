package io.dualnet.train;

import io.dualnet.net.DeepReluNetwork;

import java.util.List;

/**
 * What {@link DeepReluTrainer#train} returns: the final network of the best restart and every restart's trace.
 *
 * @param network the final iterate of the restart with the lowest final objective (or restart 0's start when every
 *     restart diverged)
 * @param objective the full objective of {@code network}, {@code +Inf} when every restart diverged
 * @param bestRestart index of the restart that gave {@code network}, {@code -1} when all diverged
 * @param finalObjectives the final full objective of each restart ({@code +Inf} if it diverged)
 * @param diverged whether each restart hit a non-finite objective or gradient
 * @param traces per restart, the trace points (epoch 0 = the start, then every {@code traceEvery} epochs and the last)
 * @param seconds wall-clock time of the whole call
 * @param options the options used
 */
public record DeepReluTrainingResult(
        DeepReluNetwork network,
        double objective,
        int bestRestart,
        double[] finalObjectives,
        boolean[] diverged,
        List<List<TracePoint>> traces,
        double seconds,
        DeepReluTrainer.Options options) {

    /**
     * One evaluation of the full training objective.
     *
     * @param epoch completed epochs (0 = the start)
     * @param updates parameter updates so far
     * @param seconds wall-clock seconds since the restart started
     * @param loss {@code (1/2) ||f(X) - Y||_F^2} over all samples
     * @param penalty {@code (beta/2) (sum ||W_l||_F^2 [+ sum ||b_l||^2])}
     */
    public record TracePoint(int epoch, long updates, double seconds, double loss, double penalty) {
        /** {@code loss + penalty}. */
        public double objective() {
            return loss + penalty;
        }
    }

    /** The best restart's trace (restart 0's when all diverged). */
    public List<TracePoint> bestTrace() {
        return traces.get(Math.max(bestRestart, 0));
    }
}
