package io.dualnet.train;

import io.dualnet.data.ClassificationInstances;
import io.dualnet.data.InvalidInputException;
import io.dualnet.duality.GapResult;
import io.dualnet.duality.ShapleyFolkmanGap;
import io.dualnet.net.BranchArchitecture;
import io.dualnet.net.MultibranchGapProblem;
import io.dualnet.reg.BranchRegularizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Training multi-branch networks: every loss decreases from the initialization, results do not depend on the thread
 * count, the budget and box are respected, and under Assumption 1 the trained tau-hinge objective is never below the
 * certified lower bound of the gap calculator (and gets close to its optimum).
 */
class MultibranchTrainerTest {

    private static MultibranchTrainer.Options options(int epochs, int restarts, int threads) {
        return new MultibranchTrainer.Options(MultibranchTrainer.Optimizer.ADAM, 0.02, 0.9, epochs, 8, 0,
                Double.NaN, Double.NaN, BranchRegularizer.L2_SQUARED, restarts, 7, threads, 1.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tau-hinge", "hinge", "multiclass-hinge", "cross-entropy"})
    void everyLossDecreases(String name) {
        boolean binary = !name.contains("multi") && !name.contains("cross");
        ClassificationInstances d = ClassificationInstances.blobs(60, binary ? 2 : 3, 5);
        List<BranchArchitecture> types = List.of(BranchArchitecture.parse("b", binary ? "2-4-1:relu:bias"
                : "2-4-3:tanh:bias"));
        MultibranchLoss loss = MultibranchLoss.named(name, 2);
        MultibranchTrainingResult r = new MultibranchTrainer(options(60, 2, 1)).train(types, 4, d.x(), d.y(), loss);
        assertThat(r.history()[r.history().length - 1]).isLessThan(r.history()[0]);
        assertThat(r.accuracy()).isGreaterThan(0.8);
        assertThat(r.objective()).isEqualTo(r.loss());
    }

    @Test
    void resultDoesNotDependOnThreads() {
        ClassificationInstances d = ClassificationInstances.noisy1d(40, 3);
        List<BranchArchitecture> types = List.of(BranchArchitecture.parse("b", "1-3-1:tanh:bias"),
                BranchArchitecture.parse("b", "1-2-1:relu:bias"));
        MultibranchLoss loss = MultibranchLoss.named("hinge", 1);
        MultibranchTrainingResult a = new MultibranchTrainer(options(20, 1, 1)).train(types, 6, d.x(), d.y(), loss);
        MultibranchTrainingResult b = new MultibranchTrainer(options(20, 1, 2)).train(types, 6, d.x(), d.y(), loss);
        MultibranchTrainingResult c = new MultibranchTrainer(options(20, 3, 2)).train(types, 6, d.x(), d.y(), loss);
        MultibranchTrainingResult e = new MultibranchTrainer(options(20, 3, 1)).train(types, 6, d.x(), d.y(), loss);
        assertThat(b.objective()).isEqualTo(a.objective());
        assertThat(c.objective()).isEqualTo(e.objective());
        assertThat(c.restartObjectives()).containsExactly(e.restartObjectives());
    }

    @Test
    void constrainedTrainingStaysAboveTheCertifiedOptimum() {
        ClassificationInstances d = ClassificationInstances.threshold1d(16);
        List<BranchArchitecture> types = List.of(BranchArchitecture.parse("b", "1-1-1-1:tanh"));
        double tau = 4;
        double budget = 3;
        double box = 2;
        int branches = 10;
        MultibranchTrainer.Options o = new MultibranchTrainer.Options(MultibranchTrainer.Optimizer.ADAM, 0.05, 0.9,
                300, 16, 0, budget, box, BranchRegularizer.L2_SQUARED, 4, 11, 2, 1.0);
        MultibranchTrainingResult r = new MultibranchTrainer(o).train(types, branches, d.x(), d.y(),
                MultibranchLoss.named("tau-hinge", tau));
        assertThat(r.averageRegularizer()).isLessThanOrEqualTo(budget);
        for (int i = 0; i < branches; i++) {
            for (double w : r.network().parameters(i)) {
                assertThat(Math.abs(w)).isLessThanOrEqualTo(box);
            }
        }
        MultibranchGapProblem problem = new MultibranchGapProblem(d.x(), d.y(), tau, budget, types, box,
                BranchRegularizer.L2_SQUARED);
        GapResult g = ShapleyFolkmanGap.of(problem, ShapleyFolkmanGap.Options.defaults().withResolution(20)
                .withThreads(2).withDivergence(false)).at(branches);
        assertThat(r.objective()).isGreaterThanOrEqualTo(g.primalLower() - 1e-12);
        assertThat(r.objective()).isLessThan(g.primal() + 0.02);
    }

    @Test
    void badLabelsAndShapesNameTheParameter() {
        ClassificationInstances d = ClassificationInstances.threshold1d(8);
        List<BranchArchitecture> types = List.of(BranchArchitecture.parse("b", "1-2-1:relu"));
        MultibranchTrainer t = new MultibranchTrainer(options(2, 1, 1));
        assertThatThrownBy(() -> t.train(types, 2, d.x(), d.y(), MultibranchLoss.named("cross-entropy", 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--branch");
        assertThatThrownBy(() -> t.train(List.of(BranchArchitecture.parse("b", "2-1")), 2, d.x(), d.y(),
                MultibranchLoss.named("hinge", 1))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--branch");
        assertThatThrownBy(() -> MultibranchLoss.named("squared", 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--loss");
    }
}
