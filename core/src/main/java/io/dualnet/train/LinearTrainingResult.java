package io.dualnet.train;

import io.dualnet.data.InvalidInputException;
import io.dualnet.net.DeepLinearWeights;
import io.dualnet.net.ParallelLinearWeights;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link LinearNetworkTrainer#train}. Everything except {@link #wallSeconds} is a deterministic function
 * of the data and the options, whatever the number of threads. Arrays are copied in and out.
 *
 * @param options the options used
 * @param branches the best weights: one branch for STANDARD ({@link #standardWeights()}), {@code m} for PARALLEL
 *     ({@link #parallelWeights()}); if every restart diverged, restart 0's initial weights
 * @param bestObjective at the best weights: penalized objectives {@code 1/2||P-Y||^2 + beta R_p(W)}; constrained
 *     (minimum-norm) objectives {@code R_p(W)} alone, with the residual in {@link #constraintResidual}; {@code +Inf} if
 *     every restart diverged
 * @param loss {@code 1/2 ||P - Y||_F^2} at the best weights
 * @param regularizer {@code R_p(W) = sum ||W_{l,j}||_F^p / p} at the best weights ({@code p = 2} or {@code L})
 * @param constraintResidual {@code ||P - Y||_F} at the best weights
 * @param bestRestart index of the best restart, {@code -1} if all diverged
 * @param restartObjectives per restart, its value (penalized: lowest objective; constrained: final {@code R_p}), or
 *     {@code +Inf} if it diverged
 * @param restartResiduals per restart, {@code ||P - Y||_F} of the iterate it returns (NaN if diverged)
 * @param restartIterations per restart, updates performed
 * @param diverged per restart, whether it hit a non-finite objective or gradient
 * @param totalIterations sum of {@code restartIterations}
 * @param historyEvery sampling period of the histories, in updates
 * @param history penalized: at update {@code k * historyEvery} the lowest objective so far over the restarts that did
 *     not diverge; constrained: the best restart's {@code R_p} at that update
 * @param residualHistory the matching {@code ||P - Y||_F}
 * @param layers diagnostics of every layer of every branch of the best weights, branch-major
 * @param firstLayerSingularValues singular values of {@code W_1} (PARALLEL: of {@code [W_{1,1} ... W_{1,m}]}),
 *     non-increasing
 * @param wallSeconds wall-clock seconds of the whole call
 */
public record LinearTrainingResult(
        LinearNetworkTrainer.Options options,
        List<DeepLinearWeights> branches,
        double bestObjective,
        double loss,
        double regularizer,
        double constraintResidual,
        int bestRestart,
        double[] restartObjectives,
        double[] restartResiduals,
        int[] restartIterations,
        boolean[] diverged,
        long totalIterations,
        int historyEvery,
        double[] history,
        double[] residualHistory,
        List<LayerDiagnostics> layers,
        double[] firstLayerSingularValues,
        double wallSeconds) {

    /**
     * Diagnostics of one layer.
     *
     * @param branch branch index ({@code 0} for STANDARD)
     * @param layer layer index {@code l}, from 1
     * @param rank number of singular values above {@code rankTolerance} times the largest singular value of any layer
     * @param spectralNorm {@code ||W||_2}
     * @param frobeniusNorm {@code ||W||_F}
     */
    public record LayerDiagnostics(int branch, int layer, int rank, double spectralNorm, double frobeniusNorm) {
        /** {@code ||W||_F / ||W||_2} ({@code >= 1}; 1 iff rank one; NaN for a zero layer); Prop 3.1 of 003. */
        public double normRatio() {
            return frobeniusNorm / spectralNorm;
        }
    }

    /** Copies arrays and lists. */
    public LinearTrainingResult {
        Objects.requireNonNull(options, "options");
        branches = List.copyOf(branches);
        restartObjectives = restartObjectives.clone();
        restartResiduals = restartResiduals.clone();
        restartIterations = restartIterations.clone();
        diverged = diverged.clone();
        history = history.clone();
        residualHistory = residualHistory.clone();
        layers = List.copyOf(layers);
        firstLayerSingularValues = firstLayerSingularValues.clone();
    }

    /** The best weights of a STANDARD network. */
    public DeepLinearWeights standardWeights() {
        if (options.architecture() != LinearNetworkTrainer.Architecture.STANDARD) {
            throw new InvalidInputException("architecture", options.architecture(),
                    "STANDARD for standardWeights(); use parallelWeights()");
        }
        return branches.get(0);
    }

    /** The best weights of a PARALLEL network. */
    public ParallelLinearWeights parallelWeights() {
        if (options.architecture() != LinearNetworkTrainer.Architecture.PARALLEL) {
            throw new InvalidInputException("architecture", options.architecture(),
                    "PARALLEL for parallelWeights(); use standardWeights()");
        }
        return ParallelLinearWeights.ofBranches(branches);
    }

    /** Diagnostics of layer {@code l} (from 1) of branch {@code j}. */
    public LayerDiagnostics layer(int j, int l) {
        return layers.get(j * options.depth() + (l - 1));
    }

    /** Whether every restart diverged. */
    public boolean allDiverged() {
        return bestRestart < 0;
    }

    @Override
    public double[] restartObjectives() {
        return restartObjectives.clone();
    }

    @Override
    public double[] restartResiduals() {
        return restartResiduals.clone();
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
    public double[] history() {
        return history.clone();
    }

    @Override
    public double[] residualHistory() {
        return residualHistory.clone();
    }

    @Override
    public double[] firstLayerSingularValues() {
        return firstLayerSingularValues.clone();
    }

    @Override
    public String toString() {
        return "LinearTrainingResult[bestObjective=" + bestObjective + ", residual=" + constraintResidual
                + ", bestRestart=" + bestRestart + ", restartObjectives=" + Arrays.toString(restartObjectives)
                + ", restartResiduals=" + Arrays.toString(restartResiduals) + ", totalIterations=" + totalIterations
                + ", wallSeconds=" + wallSeconds + "]";
    }
}
