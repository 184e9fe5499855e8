package io.dualnet.experiment;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Computes cells of a grid somewhere (the local thread pool, {@link LocalGridEngine}, or Apache Spark, module
 * {@code dualnet-spark}) and hands each finished cell back to the caller's process as it finishes. Saving, resuming
 * and ordering are the {@link GridRunner}'s job, the same for every engine.
 */
public interface GridEngine {

    /** Receives finished cells, in completion order, possibly from several threads at once. */
    @FunctionalInterface
    interface Listener<C, R> {
        /**
         * One cell finished.
         *
         * @param index the cell's position in the list given to {@link #compute}
         * @param outcome what happened (a result, or an error)
         */
        void finished(int index, CellOutcome<C, R> outcome);
    }

    /** Short name for messages ({@code local}, {@code spark local[2]}). */
    String name();

    /**
     * Computes every cell of {@code cells} with {@code experiment}'s {@link GridExperiment#cellFunction()} and calls
     * {@code listener} once per cell as it finishes; returns when all have finished. A failing cell is reported as an
     * outcome with an error (see {@link CellOutcome#compute}), never thrown.
     *
     * @param experiment the grid (its id, result type and cell function)
     * @param cells the cells to compute (the runner leaves out those already finished)
     * @param keys their keys, parallel to {@code cells}
     * @param listener where finished cells go
     * @throws java.util.concurrent.CancellationException when the calling thread is interrupted
     */
    <C extends Serializable, R> void compute(GridExperiment<C, R> experiment, List<C> cells, List<String> keys,
                                             Listener<C, R> listener);

    /**
     * What an engine's worker thread threw (a listener that could not save a cell, say), to rethrow in the caller:
     * errors are thrown from here, runtime exceptions returned as they are, anything else wrapped.
     */
    static RuntimeException workerFailure(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Error error) {
            throw error;
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new IllegalStateException("grid worker failed: " + CellOutcome.describe(cause), cause);
    }
}
