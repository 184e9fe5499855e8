package io.dualnet.experiment;

import java.util.List;

/**
 * A paper-003 linear grid as a {@link GridExperiment}: the cells name themselves ({@link Ergen003Cell#key()}) and are
 * computed by a static, serializable function of {@link Ergen003Linear}.
 *
 * @param id experiment id (results go to {@code <dir>/<id>/})
 * @param cellList the cells
 * @param function the pure cell function
 * @param resultClass the result record
 * @param <C> cell type
 * @param <R> result type
 */
public record Ergen003Grid<C extends Ergen003Cell, R>(String id, List<C> cellList, CellFunction<C, R> function,
                                                     Class<R> resultClass) implements GridExperiment<C, R> {
    private static final long serialVersionUID = 1L;

    /** Copies the cell list. */
    public Ergen003Grid {
        cellList = List.copyOf(cellList);
    }

    @Override
    public List<C> cells() {
        return cellList;
    }

    @Override
    public String key(C cell) {
        return cell.key();
    }

    @Override
    public R run(C cell) {
        return function.apply(cell);
    }

    @Override
    public Class<R> resultType() {
        return resultClass;
    }
}
