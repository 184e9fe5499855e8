package io.dualnet.train;

import io.dualnet.net.MultibranchNetwork;

/**
 * The outcome of {@link MultibranchTrainer#train}: the best network over all restarts (by full-data objective at
 * the end of an epoch) and its measurements. Everything except {@code seconds} is a deterministic function of the
 * data and the options, whatever the number of threads.
 *
 * @param network the best network
 * @param objective {@code loss + weightDecay * averageRegularizer} of {@code network} on all the data
 * @param loss the mean loss of {@code network}
 * @param averageRegularizer {@code (1/I) sum_i h(w_(i))} of {@code network}
 * @param accuracy fraction of samples classified correctly
 * @param restartObjectives per restart, its best objective ({@code +Inf} if it diverged)
 * @param bestRestart the restart {@code network} came from
 * @param epochs epochs per restart
 * @param updates parameter updates per restart
 * @param history per epoch, the best objective so far over all restarts
 * @param seconds wall time
 */
public record MultibranchTrainingResult(MultibranchNetwork network, double objective, double loss,
                                        double averageRegularizer, double accuracy, double[] restartObjectives,
                                        int bestRestart, int epochs, long updates, double[] history,
                                        double seconds) {

    /** Copies the arrays. */
    public MultibranchTrainingResult {
        restartObjectives = restartObjectives.clone();
        history = history.clone();
    }
}
