package io.dualnet.experiment;

import java.util.List;

/**
 * The Appendix A.2 grid of Zhang et al. as a {@link GridExperiment}: one cell per {@code d_min}, each computed by
 * {@link ZhangA2#run(ZhangA2Cell)}.
 *
 * @param cellList the cells
 */
public record ZhangA2Experiment(List<ZhangA2Cell> cellList) implements GridExperiment<ZhangA2Cell, ZhangA2Result> {
    private static final long serialVersionUID = 1L;

    /** Copies the cell list. */
    public ZhangA2Experiment {
        cellList = List.copyOf(cellList);
    }

    @Override
    public String id() {
        return "zhang-a2";
    }

    @Override
    public List<ZhangA2Cell> cells() {
        return cellList;
    }

    @Override
    public String key(ZhangA2Cell cell) {
        return cell.key();
    }

    @Override
    public ZhangA2Result run(ZhangA2Cell cell) {
        return ZhangA2.run(cell);
    }

    @Override
    public Class<ZhangA2Result> resultType() {
        return ZhangA2Result.class;
    }
}
