package io.dualnet.experiment;

import java.io.Serializable;

/**
 * The computation of one grid cell: a pure function of the cell, serializable so that a distributed engine such as
 * Apache Spark could ship it to workers unchanged ({@code rdd.map(function::apply)}).
 *
 * @param <C> the cell type
 * @param <R> the result type
 */
@FunctionalInterface
public interface CellFunction<C extends Serializable, R> extends Serializable {

    /** Computes the cell's result; all randomness must come from seeds stored in the cell. */
    R apply(C cell);
}
