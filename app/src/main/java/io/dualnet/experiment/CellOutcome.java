package io.dualnet.experiment;

/**
 * What happened to one cell of a grid.
 *
 * @param cell the cell
 * @param key the cell's key
 * @param result the result, or {@code null} when the cell failed
 * @param error {@code "ExceptionClass: message"} when the cell failed, otherwise {@code null}
 * @param resumed true when the result was read from an earlier run instead of being computed
 * @param seconds wall-clock seconds spent computing the cell (0 when resumed or failed before starting)
 * @param <C> the cell type
 * @param <R> the result type
 */
public record CellOutcome<C, R>(C cell, String key, R result, String error, boolean resumed, double seconds) {

    /** True when the cell has a result. */
    public boolean ok() {
        return error == null;
    }
}
