package io.dualnet.experiment;

import io.dualnet.closedform.DeepLinearClosedForm;
import io.dualnet.convex.DeepLinearDual;
import io.dualnet.data.PaperInstances;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.Matrices;
import io.dualnet.linalg.Svd;
import io.dualnet.net.DeepLinearProblem;
import io.dualnet.net.DeepLinearWeights;
import io.dualnet.solve.DeepLinearDualSolver;
import io.dualnet.solve.Solution;
import io.dualnet.train.DeepLinearTrainer;
import io.dualnet.train.TrainingResult;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * Appendix A.2 of Zhang, Shao, Salakhutdinov (Figure 6 and Table 3): primal and dual optima of problem (4)/(5) for
 * {@code H = 3}, {@code X = I_100}, Gaussian {@code Y}, {@code d_min = 5, 10, ..., 50}. Each cell is a pure function
 * of its {@link ZhangA2Cell}: the certified closed form, the iterative dual solver (the paper's "dual solved by a
 * numerical algorithm") and the paper's primal route, Adam with restarts.
 */
public final class ZhangA2 {
    /** The paper's d_min values. */
    public static final int[] PAPER_DMIN = {5, 10, 15, 20, 25, 30, 35, 40, 45, 50};
    /** Table 3 of the paper: l2 distances, in units of 1e-10, for {@link #PAPER_DMIN}. */
    public static final double[] PAPER_TABLE3_E10 = {1.95, 1.26, 7.89, 3.80, 3.14, 1.92, 1.04, 3.92, 6.53, 8.00};
    /** Learning rate of the gradient route (measured best on this instance among 0.003..0.1). */
    public static final double ADAM_LEARNING_RATE = 0.03;

    private ZhangA2() {
    }

    /** The grid: one cell per d_min. */
    public static List<ZhangA2Cell> cells(int[] dmins, int n, double gamma, long seed, int restarts, int iterations) {
        List<ZhangA2Cell> cells = new ArrayList<>();
        for (int d : dmins) {
            cells.add(new ZhangA2Cell(d, n, gamma, seed, restarts, iterations));
        }
        return cells;
    }

    /** The Appendix A.2 grid ({@code zhang-a2}): one cell per {@code d_min}. */
    public static Grid<ZhangA2Cell, ZhangA2Result> grid(List<ZhangA2Cell> cells) {
        return Grid.of("zhang-a2", cells, ZhangA2::run, ZhangA2Result.class);
    }

    /** Runs one cell (single-threaded: parallelism is across cells). */
    public static ZhangA2Result run(ZhangA2Cell cell) {
        DMatrixRMaj[] xy = PaperInstances.zhangA2(cell.n(), cell.seed());
        DeepLinearProblem problem = new DeepLinearProblem(xy[0], xy[1], new int[] {cell.dmin(), cell.dmin()},
                cell.gamma());
        Solution<DeepLinearWeights, DMatrixRMaj> closed = DeepLinearClosedForm.solve(problem);
        Solution<DeepLinearWeights, DMatrixRMaj> iterative =
                new DeepLinearDualSolver(DeepLinearDualSolver.Options.defaults()).solve(problem);
        DeepLinearDual dual = DeepLinearDual.of(problem);
        DMatrixRMaj dualSolution = truncatedSvd(dual.residual(iterative.dualPoint()), cell.dmin());

        DeepLinearTrainer.Options options = DeepLinearTrainer.Options.defaults()
                .withLearningRate(ADAM_LEARNING_RATE).withMaxIterations(cell.iterations())
                .withRestarts(cell.restarts()).withSeed(cell.seed() * 7919 + cell.dmin()).withThreads(1);
        TrainingResult<DeepLinearWeights, DeepLinearTrainer.Options> trained =
                new DeepLinearTrainer(options).train(problem);

        DMatrixRMaj x = problem.x();
        return new ZhangA2Result(cell.dmin(), problem.objective(closed.primalPoint()), dual.value(closed.dualPoint()),
                problem.objective(iterative.primalPoint()), dual.value(iterative.dualPoint()), iterative.iterations(),
                trained.objective(), trained.wallSeconds(),
                Matrices.distance(closed.primalPoint().predict(x), dualSolution),
                Matrices.distance(trained.best().predict(x), dualSolution), closed.seconds());
    }

    /** {@code svd_k(A)}: the best rank-{@code k} approximation. */
    static DMatrixRMaj truncatedSvd(DMatrixRMaj a, int k) {
        Svd svd = Linalg.get().svd(a);
        return Matrices.compose(svd.u(), svd.s(), svd.v(), Math.min(k, svd.s().length));
    }
}
