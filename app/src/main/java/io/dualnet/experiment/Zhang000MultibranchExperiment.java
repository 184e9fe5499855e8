package io.dualnet.experiment;

import java.util.List;

/**
 * The multi-branch duality-gap cases of Zhang et al. (Theorem 1) as a {@link GridExperiment}: one cell per case,
 * each computed by {@link Zhang000Multibranch#run(Zhang000MultibranchCell)}.
 *
 * @param cellList the cells
 */
public record Zhang000MultibranchExperiment(List<Zhang000MultibranchCell> cellList)
        implements GridExperiment<Zhang000MultibranchCell, Zhang000MultibranchResult> {
    private static final long serialVersionUID = 1L;

    /** Copies the cell list. */
    public Zhang000MultibranchExperiment {
        cellList = List.copyOf(cellList);
    }

    @Override
    public String id() {
        return "zhang-multibranch";
    }

    @Override
    public List<Zhang000MultibranchCell> cells() {
        return cellList;
    }

    @Override
    public String key(Zhang000MultibranchCell cell) {
        return cell.key();
    }

    @Override
    public Zhang000MultibranchResult run(Zhang000MultibranchCell cell) {
        return Zhang000Multibranch.run(cell);
    }

    @Override
    public Class<Zhang000MultibranchResult> resultType() {
        return Zhang000MultibranchResult.class;
    }
}
