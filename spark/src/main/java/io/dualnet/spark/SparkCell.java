package io.dualnet.spark;

import io.dualnet.experiment.CellFunction;
import io.dualnet.experiment.CellOutcome;
import io.dualnet.experiment.ResultJson;

import java.io.Serializable;

/**
 * A cell computed on a Spark executor, as it travels back to the driver: the result as JSON text (results need not
 * be {@link Serializable}; the driver reads them back with the same mapper as the cells file), or the error.
 *
 * @param index the cell's position in the engine's list
 * @param resultJson the result as JSON, or {@code null} when the cell failed
 * @param error {@code "ExceptionClass: message"} when the cell failed, otherwise {@code null}
 * @param seconds wall time of the cell on the executor
 */
record SparkCell(int index, String resultJson, String error, double seconds) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Computes {@code cell} with {@code function} (on an executor), exactly as the local engine does. */
    static <C extends Serializable, R> SparkCell compute(int index, C cell, String key, CellFunction<C, R> function) {
        CellOutcome<C, R> outcome = CellOutcome.compute(cell, key, function);
        if (!outcome.ok()) {
            return new SparkCell(index, null, outcome.error(), outcome.seconds());
        }
        try {
            return new SparkCell(index, ResultJson.write(outcome.result()), null, outcome.seconds());
        } catch (IllegalArgumentException e) {
            return new SparkCell(index, null, CellOutcome.describe(e), outcome.seconds());
        }
    }
}
