package io.dualnet.experiment;

import java.io.Serializable;

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

    /**
     * Computes {@code cell} with {@code function}, timing it; an exception or assertion failure of the cell becomes
     * an outcome with an error instead of propagating. Every {@link GridEngine} computes cells through this method.
     */
    public static <C extends Serializable, R> CellOutcome<C, R> compute(C cell, String key,
                                                                  CellFunction<C, R> function) {
        long start = System.nanoTime();
        try {
            R result = function.apply(cell);
            return new CellOutcome<>(cell, key, result, null, false, (System.nanoTime() - start) / 1e9);
        } catch (Exception | AssertionError | StackOverflowError e) {
            return failed(cell, key, describe(e), (System.nanoTime() - start) / 1e9);
        }
    }

    /** A failed cell. */
    public static <C, R> CellOutcome<C, R> failed(C cell, String key, String error, double seconds) {
        return new CellOutcome<>(cell, key, null, error, false, seconds);
    }

    /** {@code "ExceptionClass: message"} on one line. */
    public static String describe(Throwable e) {
        String message = e.getMessage();
        String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.replace('\n', ' ').replace('\r', ' ');
    }
}
