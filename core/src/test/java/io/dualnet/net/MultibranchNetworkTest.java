package io.dualnet.net;

import io.dualnet.data.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Branch MLPs of multi-branch networks: specification parsing, backpropagation against central differences, interval
 * bounds containing every sampled output, and the branch average.
 */
class MultibranchNetworkTest {
    private static final double GRAD_ATOL = 1e-6;
    private static final double GRAD_RTOL = 1e-5;

    @Test
    void parsesAndPrintsSpecifications() {
        BranchArchitecture a = BranchArchitecture.parse("--branch", "1-1-1-1:tanh");
        assertThat(a.parameterCount()).isEqualTo(3);
        assertThat(a.spec()).isEqualTo("1-1-1-1:tanh");
        BranchArchitecture b = BranchArchitecture.parse("--branch", "2-4-3:relu:bias");
        assertThat(b.parameterCount()).isEqualTo(2 * 4 + 4 + 4 * 3 + 3);
        assertThat(BranchArchitecture.parse("x", b.spec())).isEqualTo(b);
        assertThat(BranchArchitecture.parse("x", "3-1").activation()).isEqualTo(Activation.RELU);
        for (String bad : new String[] {"", "1", "1-x-1", "1-0-1", "1-1:swish", "1-1:relu:bias:more"}) {
            assertThatThrownBy(() -> BranchArchitecture.parse("--branch", bad))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("--branch");
        }
    }

    @ParameterizedTest
    @CsvSource({"2-3-2:relu:bias,1", "1-1-1-1:tanh,2", "3-2-2-1:sigmoid:bias,3", "2-2-1:linear,4", "1-4-1:tanh:bias,5"})
    void backpropagationMatchesCentralDifferences(String spec, long seed) {
        BranchArchitecture a = BranchArchitecture.parse("b", spec);
        MlpBranch branch = new MlpBranch(a);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] w = new double[branch.parameterCount()];
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.nextGaussian();
        }
        double[] x = new double[a.inputDim()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        double[] dOut = new double[a.outputDim()];
        for (int i = 0; i < dOut.length; i++) {
            dOut[i] = rng.nextGaussian();
        }
        MlpBranch.Workspace ws = branch.workspace();
        double[] out = new double[a.outputDim()];
        double[] grad = new double[w.length];
        branch.forward(w, x, ws, out);
        branch.backward(w, ws, dOut, grad);
        double h = 1e-6;
        for (int i = 0; i < w.length; i++) {
            double[] wp = w.clone();
            double[] wm = w.clone();
            wp[i] += h;
            wm[i] -= h;
            double fd = (dot(branch, wp, x, dOut) - dot(branch, wm, x, dOut)) / (2 * h);
            assertThat(Math.abs(grad[i] - fd)).as("%s parameter %d", spec, i)
                    .isLessThanOrEqualTo(GRAD_ATOL + GRAD_RTOL * Math.abs(fd));
        }
    }

    private static double dot(MlpBranch branch, double[] w, double[] x, double[] dOut) {
        double[] out = new double[dOut.length];
        branch.forward(w, x, branch.workspace(), out);
        double s = 0;
        for (int i = 0; i < out.length; i++) {
            s += out[i] * dOut[i];
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(strings = {"1-1-1-1:tanh", "2-3-1:relu:bias", "1-2-2-1:sigmoid:bias", "2-2-1:linear"})
    void intervalBoundsContainEverySampledOutput(String spec) {
        BranchArchitecture a = BranchArchitecture.parse("b", spec);
        MlpBranch branch = new MlpBranch(a);
        SplittableRandom rng = new SplittableRandom(spec.hashCode());
        int p = branch.parameterCount();
        MlpBranch.Workspace ws = branch.workspace();
        for (int trial = 0; trial < 50; trial++) {
            double[] lo = new double[p];
            double[] hi = new double[p];
            for (int i = 0; i < p; i++) {
                lo[i] = rng.nextGaussian();
                hi[i] = lo[i] + rng.nextDouble();
            }
            double[] x = new double[a.inputDim()];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextGaussian();
            }
            double[] outLo = new double[1];
            double[] outHi = new double[1];
            branch.bounds(lo, hi, x, ws, outLo, outHi);
            for (int s = 0; s < 40; s++) {
                double[] w = new double[p];
                for (int i = 0; i < p; i++) {
                    w[i] = lo[i] + rng.nextDouble() * (hi[i] - lo[i]);
                }
                double f = branch.forwardScalar(w, x, ws);
                assertThat(f).isBetween(outLo[0] - 1e-12, outHi[0] + 1e-12);
            }
        }
    }

    @Test
    void networkAveragesItsBranches() {
        List<BranchArchitecture> types = List.of(BranchArchitecture.parse("b", "1-1:linear"),
                BranchArchitecture.parse("b", "1-1-1:relu"));
        List<BranchArchitecture> archs = MultibranchNetwork.roundRobin(types, 3);
        MultibranchNetwork net = new MultibranchNetwork(archs, new double[][] {{2}, {1, 3}, {4}});
        double[][] out = net.predict(new double[][] {{1}, {-1}});
        // branch outputs at x = 1: 2, 3 (relu(1) * 3), 4; at x = -1: -2, 0, -4.
        assertThat(out[0][0]).isEqualTo(3.0);
        assertThat(out[1][0]).isEqualTo(-2.0);
        assertThat(net.averageRegularizer(io.dualnet.reg.BranchRegularizer.L2_SQUARED)).isEqualTo((4 + 10 + 16) / 3.0);
        assertThatThrownBy(() -> new MultibranchNetwork(archs, new double[][] {{2}, {1}, {4}}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("parameters[1]");
    }
}
