package io.dualnet.duality;

import io.dualnet.data.ClassificationInstances;
import io.dualnet.net.BranchArchitecture;
import io.dualnet.net.MultibranchGapProblem;
import io.dualnet.reg.BranchRegularizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Theorem 1 of Zhang, Shao, Salakhutdinov on seeded random instances (random data, one or two random branch types
 * of at most 3 parameters, tau satisfying Assumption 1, random budget): for every I the exact gap satisfies
 * {@code 0 <= gap <= max rho / I <= Delta_worst / I <= 2 Delta_worst / I}, the dual recomputed from {@code lambda*}
 * agrees, and the certified continuous bracket is consistent.
 */
class ShapleyFolkmanGapPropertyTest {
    private static final double ATOL = 1e-10;
    private static final double DELTA_ATOL = 1e-7;
    private static final String[] BRANCHES = {"1-1-1-1:tanh", "1-1-1-1:relu", "1-1-1:sigmoid", "1-1-1-1:linear",
        "1-1-1-1:sigmoid", "1-1:linear", "1-1-1:tanh", "1-1-1:relu"};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void theoremOneHoldsOnRandomInstances(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        ClassificationInstances d = ClassificationInstances.noisy1d(8 + rng.nextInt(12), seed);
        List<BranchArchitecture> types = new ArrayList<>();
        int count = 1 + rng.nextInt(2);
        for (int t = 0; t < count; t++) {
            types.add(BranchArchitecture.parse("b", BRANCHES[rng.nextInt(BRANCHES.length)]));
        }
        double box = 0.5 + 2 * rng.nextDouble();
        double tau = 2 * Math.pow(box, 3) + 1;
        BranchRegularizer reg = rng.nextBoolean() ? BranchRegularizer.L2_SQUARED : BranchRegularizer.L1;
        double budget = rng.nextDouble() * reg.maxOverBox(box, 3) * 0.8;
        MultibranchGapProblem problem = new MultibranchGapProblem(d.x(), d.y(), tau, budget, types, box, reg);
        ShapleyFolkmanGap gap = ShapleyFolkmanGap.of(problem,
                ShapleyFolkmanGap.Options.defaults().withResolution(6 + rng.nextInt(8)).withThreads(2));
        assertThat(gap.assumption().status()).isEqualTo(AssumptionCheck.Status.HOLDS);
        for (BranchSummary s : gap.branches()) {
            assertThat(s.rho()).isGreaterThanOrEqualTo(0);
            assertThat(s.delta()).as("Delta >= rho for %s", s.spec()).isGreaterThanOrEqualTo(s.rho() - DELTA_ATOL);
            assertThat(s.deltaUpper()).isGreaterThanOrEqualTo(s.delta());
            assertThat(s.delta()).isLessThanOrEqualTo(s.gAtZero() - s.gMin() + DELTA_ATOL);
        }
        for (int i : new int[] {1, 2, 3, 7, 50, 1000, 123_457}) {
            GapResult r = gap.at(i);
            // sup(D) is the maximum over lambda >= 0 of the concave Q(lambda) - lambda K, attained at lambda*.
            for (int j = 0; j <= 40; j++) {
                double lambda = r.allocation().lambda() * j / 20.0 + (j == 40 ? 1 : 0);
                assertThat(dualObjective(gap, i, budget, lambda)).isLessThanOrEqualTo(r.dual() + 1e-12);
            }
            assertThat(Math.abs(dualObjective(gap, i, budget, r.allocation().lambda()) - r.dual()))
                    .isLessThanOrEqualTo(1e-9);
            assertThat(r.allocation().exact()).as("I=%d %s", i, r.allocation().method()).isTrue();
            assertThat(r.gap()).isGreaterThanOrEqualTo(-ATOL);
            assertThat(r.gap()).isLessThanOrEqualTo(r.rhoBound() + ATOL);
            assertThat(r.gap()).isLessThanOrEqualTo(r.deltaWorst() / i + DELTA_ATOL);
            assertThat(r.normalizedGap() * r.deltaWorst()).isLessThanOrEqualTo(r.bound() * r.deltaWorst() + DELTA_ATOL);
            assertThat(Math.abs(r.allocation().dualCheck() - r.dual())).isLessThanOrEqualTo(1e-9);
            assertThat(r.allocation().unitsUsed()).isLessThanOrEqualTo((long) Math.floor(r.allocation().budgetUnits()
                    * (1 + 1e-12)));
            assertThat(r.primalLower()).isLessThanOrEqualTo(r.primal() + ATOL);
            assertThat(r.dualLower()).isLessThanOrEqualTo(r.dual() + ATOL);
            assertThat(r.continuousGapLower()).isLessThanOrEqualTo(r.continuousGapUpper() + ATOL);
            assertThat(r.solution().status()).isEqualTo(io.dualnet.solve.Status.OPTIMAL);
        }
    }

    /** {@code Q(lambda) - lambda K = (1/I) sum_t n_t min_c (phi_t(c) + lambda c) - lambda K} from the value functions. */
    private static double dualObjective(ShapleyFolkmanGap gap, int branches, double budget, double lambda) {
        int[] counts = gap.problem().counts(branches);
        double q = 0;
        for (int t = 0; t < counts.length; t++) {
            io.dualnet.landscape.ValueFunction phi = gap.profiles().get(t).upper();
            double min = Double.POSITIVE_INFINITY;
            for (int k = 0; k < phi.size(); k++) {
                min = Math.min(min, phi.value(k) + lambda * phi.units(k) * phi.unit());
            }
            q += counts[t] * min;
        }
        return q / branches - lambda * budget;
    }
}
