package io.dualnet.landscape;

import io.dualnet.data.ClassificationInstances;
import io.dualnet.net.BranchArchitecture;
import io.dualnet.net.MlpBranch;
import io.dualnet.net.MultibranchGapProblem;
import io.dualnet.reg.BranchRegularizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-branch global search on seeded instances: the certified lower value function lies below {@code g} at
 * random continuous weights of the box, the lattice value function is achieved by its stored weights, the certified
 * margin bounds every sampled margin, pruning keeps the envelope ({@code min_j (g_j - s . w_j)} over the pruned set
 * equals the minimum over the whole lattice), the result does not depend on the thread count, and the restart method
 * agrees with the lattice on a 2-parameter branch.
 */
class MultibranchLandscapePropertyTest {
    private static final double ATOL = 1e-12;

    @ParameterizedTest
    @CsvSource({"1-1-1-1:tanh,1,l2", "1-1-1:relu,2,l1", "1-1-1-1:sigmoid,3,l2", "1-1-1-1:relu,4,l1"})
    void latticeSearchIsCertifiedAndConsistent(String spec, long seed, String reg) {
        ClassificationInstances d = ClassificationInstances.noisy1d(12, seed);
        BranchArchitecture a = BranchArchitecture.parse("b", spec);
        MultibranchGapProblem problem = new MultibranchGapProblem(d.x(), d.y(), 3, 1, List.of(a), 1.5,
                BranchRegularizer.named("reg", reg));
        BranchProfile one = LatticeSearch.search(problem, a, new LatticeSearch.Options(9, 1, true, false, 1 << 22));
        BranchProfile two = LatticeSearch.search(problem, a, new LatticeSearch.Options(9, 2, true, false, 1 << 22));
        assertThat(two.upper().size()).isEqualTo(one.upper().size());
        for (int k = 0; k < one.upper().size(); k++) {
            assertThat(two.upper().value(k)).isEqualTo(one.upper().value(k));
            assertThat(two.upper().units(k)).isEqualTo(one.upper().units(k));
        }
        MlpBranch branch = new MlpBranch(a);
        MlpBranch.Workspace ws = branch.workspace();
        double[] out = new double[d.y().length];
        ValueFunction phi = one.upper();
        for (int k = 0; k < phi.size(); k++) {
            double[] w = phi.weights(k);
            assertThat(Math.abs(problem.linearized(branch, w, ws, out) - phi.value(k))).isLessThanOrEqualTo(ATOL);
            assertThat(Math.abs(problem.regularizer().value(w) - phi.units(k) * phi.unit())).isLessThanOrEqualTo(1e-9);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int s = 0; s < 2000; s++) {
            double[] w = new double[branch.parameterCount()];
            for (int i = 0; i < w.length; i++) {
                w[i] = 1.5 * (2 * rng.nextDouble() - 1);
            }
            double g = problem.linearized(branch, w, ws, out);
            double h = problem.regularizer().value(w);
            assertThat(g).isGreaterThanOrEqualTo(one.lower().atUnits(h / phi.unit() + 1e-9) - ATOL);
            for (int k = 0; k < out.length; k++) {
                assertThat(d.y()[k] * out[k]).isLessThanOrEqualTo(one.certifiedMaxMargin() + ATOL);
            }
        }
        double[][] envW = one.envelopeWeights();
        double[] envG = one.envelopeValues();
        assertThat(envG.length).isLessThanOrEqualTo((int) one.evaluated());
        for (int trial = 0; trial < 50; trial++) {
            double[] sv = new double[branch.parameterCount()];
            for (int i = 0; i < sv.length; i++) {
                sv[i] = 3 * rng.nextGaussian();
            }
            double pruned = Double.POSITIVE_INFINITY;
            for (int j = 0; j < envG.length; j++) {
                pruned = Math.min(pruned, envG[j] - dot(sv, envW[j]));
            }
            double full = Double.POSITIVE_INFINITY;
            int side = 19;
            int[] z = new int[sv.length];
            for (int idx = 0; idx < (int) one.evaluated(); idx++) {
                LatticeSearch.decode(idx, 9, side, z);
                double[] w = new double[sv.length];
                for (int i = 0; i < w.length; i++) {
                    w[i] = 1.5 / 9 * z[i];
                }
                full = Math.min(full, problem.linearized(branch, w, ws, out) - dot(sv, w));
            }
            assertThat(Math.abs(pruned - full)).isLessThanOrEqualTo(1e-12);
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
