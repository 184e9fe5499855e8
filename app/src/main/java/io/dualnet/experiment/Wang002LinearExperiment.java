package io.dualnet.experiment;

import java.util.List;

/**
 * The paper-002 linear verification grid as a {@link GridExperiment}: one cell per (instance, depth, network),
 * computed by {@link Wang002Linear#run(Wang002LinearCell)}.
 *
 * @param cellList the cells
 */
public record Wang002LinearExperiment(List<Wang002LinearCell> cellList)
        implements GridExperiment<Wang002LinearCell, Wang002LinearResult> {
    private static final long serialVersionUID = 1L;

    /** Copies the cell list. */
    public Wang002LinearExperiment {
        cellList = List.copyOf(cellList);
    }

    @Override
    public String id() {
        return "wang002-linear";
    }

    @Override
    public List<Wang002LinearCell> cells() {
        return cellList;
    }

    @Override
    public String key(Wang002LinearCell cell) {
        return cell.key();
    }

    @Override
    public Wang002LinearResult run(Wang002LinearCell cell) {
        return Wang002Linear.run(cell);
    }

    @Override
    public Class<Wang002LinearResult> resultType() {
        return Wang002LinearResult.class;
    }
}
