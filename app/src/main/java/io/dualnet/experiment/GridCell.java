package io.dualnet.experiment;

import java.io.Serializable;

/**
 * A cell of a {@link Grid}: an immutable, serializable value carrying every parameter of one computation, including
 * its seed, that names itself by a key.
 *
 * <p>Its record components are written beside the result in the grid's {@code cells.jsonl} (see {@link CellStore}),
 * so they should be plain data (numbers, strings, booleans, enums, arrays, lists, nested records).
 */
public interface GridCell extends Serializable {

    /**
     * Stable (across runs and versions), unique within the grid and filename-safe ({@code [A-Za-z0-9._-]}, not
     * starting with a dot) key encoding every parameter that changes the result: a finished cell is recognized by
     * its key alone.
     */
    String key();
}
