package io.dualnet.duality;

import io.dualnet.data.ClassificationInstances;
import io.dualnet.net.BranchArchitecture;
import io.dualnet.net.MultibranchGapProblem;
import io.dualnet.reg.BranchRegularizer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tau-hinge problem when Assumption 1 fails ({@link HingeGapBounds}): the relaxation's certified lower bound
 * matches its value, equals the linearized dual when Assumption 1 holds (the hinge is then linear), the per-I bounds
 * bracket correctly, and the gap bound shrinks with I.
 */
class MultibranchHingeTest {
    private static final double ATOL = 1e-9;

    private static ShapleyFolkmanGap gap(double tau, double budget) {
        ClassificationInstances d = ClassificationInstances.threshold1d(16);
        MultibranchGapProblem p = new MultibranchGapProblem(d.x(), d.y(), tau, budget,
                List.of(BranchArchitecture.parse("b", "1-1-1-1:tanh")), 2, BranchRegularizer.L2_SQUARED);
        return ShapleyFolkmanGap.of(p, ShapleyFolkmanGap.Options.defaults().withResolution(10).withThreads(2)
                .withKeepOutputs(true).withDivergence(false));
    }

    @Test
    void underAssumptionOneTheRelaxationIsTheLinearizedDual() {
        ShapleyFolkmanGap g = gap(4, 3);
        assertThat(g.assumption().status()).isEqualTo(AssumptionCheck.Status.HOLDS);
        HingeGapBounds.Relaxation r = new HingeGapBounds(g).relaxation(1);
        assertThat(r.converged()).isTrue();
        assertThat(Math.abs(r.value() - g.at(1).dual())).isLessThanOrEqualTo(ATOL);
        assertThat(Math.abs(r.lowerBound() - r.value())).isLessThanOrEqualTo(ATOL);
    }

    @Test
    void withTauOneTheHingeGapIsBracketedAndShrinks() {
        ShapleyFolkmanGap g = gap(1, 6);
        assertThat(g.assumption().status()).isEqualTo(AssumptionCheck.Status.FAILS);
        assertThat(g.assumption().margin()).isNegative();
        HingeGapBounds bounds = new HingeGapBounds(g);
        HingeGapBounds.Relaxation r = bounds.relaxation(1);
        assertThat(r.converged()).isTrue();
        assertThat(Math.abs(r.lowerBound() - r.value())).isLessThanOrEqualTo(ATOL);
        // Clipping makes the hinge problem worse than its linearization: P_inf > sup(D) of the linearized problem.
        assertThat(r.value()).isGreaterThan(g.at(1).dual() + 1e-3);
        HingeGapBounds.Bounds one = bounds.at(1);
        assertThat(one.exactPrimal()).isGreaterThanOrEqualTo(one.exactDual() - ATOL);
        assertThat(one.exactDual()).isGreaterThanOrEqualTo(r.lowerBound() - ATOL);
        double previous = Double.POSITIVE_INFINITY;
        for (int i : new int[] {10, 100, 1000, 10_000}) {
            HingeGapBounds.Bounds b = bounds.at(i);
            assertThat(b.upper()).isGreaterThanOrEqualTo(b.lower() - ATOL);
            assertThat(b.gapUpper()).isLessThan(previous);
            previous = b.gapUpper();
        }
        assertThat(previous).isLessThan(1e-4);
    }
}
