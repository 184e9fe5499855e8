package io.dualnet.experiment;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of running a grid: one {@link CellOutcome} per cell, in cell order.
 *
 * @param experimentId the experiment's identifier
 * @param outcomes one outcome per cell, in the order of {@link GridExperiment#cells()}
 * @param <C> the cell type
 * @param <R> the result type
 */
public record GridRun<C, R>(String experimentId, List<CellOutcome<C, R>> outcomes) {

    /** Copies the outcome list. */
    public GridRun {
        outcomes = List.copyOf(outcomes);
    }

    /** The failed cells, in cell order. */
    public List<CellOutcome<C, R>> failures() {
        return outcomes.stream().filter(o -> !o.ok()).toList();
    }

    /** Number of cells computed in this run (not resumed, not failed). */
    public long computed() {
        return outcomes.stream().filter(o -> o.ok() && !o.resumed()).count();
    }

    /** Number of cells read back from an earlier run. */
    public long resumed() {
        return outcomes.stream().filter(CellOutcome::resumed).count();
    }

    /**
     * All results in cell order.
     *
     * @throws IllegalStateException naming the failed cells' keys and errors when any cell failed
     */
    public List<R> results() {
        List<CellOutcome<C, R>> failed = failures();
        if (!failed.isEmpty()) {
            throw new IllegalStateException(failed.size() + " of " + outcomes.size() + " cells of grid '"
                    + experimentId + "' failed: " + failed.stream().map(o -> o.key() + " (" + o.error() + ")")
                    .collect(Collectors.joining("; ")));
        }
        return outcomes.stream().map(CellOutcome::result).toList();
    }
}
