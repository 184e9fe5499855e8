package io.dualnet.experiment;

import io.dualnet.data.InvalidInputException;

import java.util.List;

/**
 * The one {@link GridExperiment} implementation of the project: an identifier, cells that name themselves
 * ({@link GridCell#key()}), a serializable pure cell function and the result class.
 *
 * <p>An experiment defines its cell record, its result record and a static {@code run(cell)}, and builds its grid
 * with {@code Grid.of("my-id", cells, MyExperiment::run, MyResult.class)}; {@link GridRunner} runs it on the local
 * thread pool or on Apache Spark ({@code --spark}), writing each finished cell to {@code cells.jsonl}.
 *
 * @param id experiment identifier, filename-safe (results go to {@code <dir>/<id>/cells.jsonl})
 * @param cellList the cells, in the order results are returned
 * @param function the pure cell function (all randomness from seeds in the cell)
 * @param resultClass the result class (plain data that Jackson can write and read back; records work)
 * @param <C> cell type
 * @param <R> result type
 */
public record Grid<C extends GridCell, R>(String id, List<C> cellList, CellFunction<C, R> function,
                                          Class<R> resultClass) implements GridExperiment<C, R> {
    private static final long serialVersionUID = 1L;

    /** Validates every field and copies the cell list. */
    public Grid {
        if (id == null || id.isBlank()) {
            throw new InvalidInputException("id", id, "a non-empty experiment id");
        }
        if (cellList == null) {
            throw new InvalidInputException("cells", null, "a list of cells");
        }
        cellList = List.copyOf(cellList);
        if (function == null) {
            throw new InvalidInputException("function", null, "a cell function");
        }
        if (resultClass == null) {
            throw new InvalidInputException("resultClass", null, "a result class");
        }
    }

    /** The grid {@code id} of {@code cells}, each computed by {@code function} into a {@code resultClass}. */
    public static <C extends GridCell, R> Grid<C, R> of(String id, List<C> cells, CellFunction<C, R> function,
                                                       Class<R> resultClass) {
        return new Grid<>(id, cells, function, resultClass);
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

    @Override
    public CellFunction<C, R> cellFunction() {
        return function;
    }
}
