package io.dualnet.experiment;

import java.io.Serializable;
import java.util.List;

/**
 * An experiment made of independent cells (e.g. one per {@code (beta, depth, seed)}), each computed by a pure
 * function of the cell.
 *
 * <p>Contract, so that {@link GridRunner} can run cells in any order, in parallel, resume after an interruption,
 * and so that a distributed engine such as Apache Spark could later run the same code unchanged:
 * <ul>
 *   <li>cells are immutable, {@link Serializable} values that carry everything the computation needs, including
 *       their seed;</li>
 *   <li>{@link #run(Object)} depends only on the cell and on immutable configuration held by the experiment (the
 *       experiment itself is {@link Serializable}); it shares no mutable state with other cells and draws all
 *       randomness from the cell's seed;</li>
 *   <li>{@link #key(Object)} is stable across runs and versions, unique within the grid and filename-safe
 *       ({@code [A-Za-z0-9._-]}, not starting with a dot); it must encode every parameter that changes the result,
 *       because a finished cell is recognized by its key alone;</li>
 *   <li>results are plain data that Jackson can write and read back ({@link #resultType()}; records work).</li>
 * </ul>
 *
 * <p>Write a new experiment as a {@link Grid} ({@code Grid.of(id, cells, MyExperiment::run, MyResult.class)}, with
 * cells implementing {@link GridCell}) rather than a new implementation of this interface; the interface stays for
 * {@link GridRunner#run(GridExperiment)} and the engines.
 *
 * @param <C> the cell type
 * @param <R> the result type
 */
public interface GridExperiment<C extends Serializable, R> extends Serializable {

    /** Identifier of the experiment, filename-safe; results go to {@code <dir>/<id>/cells.jsonl}. */
    String id();

    /** The cells, in the order results are returned. */
    List<C> cells();

    /** Stable, unique, filename-safe key of a cell. */
    String key(C cell);

    /** Computes one cell (a pure function of the cell). */
    R run(C cell);

    /** The result class, for reading saved results back with Jackson. */
    Class<R> resultType();

    /** {@link #run(Object)} as a serializable function, the form a distributed engine would ship to workers. */
    default CellFunction<C, R> cellFunction() {
        return this::run;
    }
}
