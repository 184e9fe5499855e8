package io.dualnet.train;

import io.dualnet.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Central finite differences against {@link LinearNetworkGradient} for every objective form the trainer uses: weight
 * decay ({@code p = 2}), L-th power ({@code p = L}), and the augmented-Lagrangian form (loss weight {@code rho}, shifted
 * target), standard (one branch) and parallel (several branches ending in width 1), {@code L = 2, 3, 4}.
 */
class LinearNetworkGradientTest {

    /** Central-difference step. */
    private static final double FD_STEP = 1e-6;
    /** Allowed gap between a finite difference and the analytic entry, relative to {@code 1 + |entry|}. */
    private static final double FD_TOLERANCE = 1e-6;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        long seed = 101;
        for (int depth : new int[] {2, 3, 4}) {
            for (boolean parallel : new boolean[] {false, true}) {
                for (boolean lthPower : new boolean[] {false, true}) {
                    for (boolean augmented : new boolean[] {false, true}) {
                        out.add(Arguments.of(depth, parallel, lthPower, augmented, seed++));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "L={0} parallel={1} lthPower={2} augmented={3}")
    @MethodSource("cases")
    void gradientMatchesCentralDifferences(int depth, boolean parallel, boolean lthPower, boolean augmented,
            long seed) {
        Random rng = new Random(seed);
        int n = 5;
        int d = 4;
        int c = 3;
        DMatrixRMaj x = Matrices.gaussian(n, d, 1.0, rng);
        DMatrixRMaj target = Matrices.gaussian(n, c, 1.0, rng);
        int branches = parallel ? 3 : 1;
        int[] widths = new int[depth + 1];
        widths[0] = d;
        widths[depth] = c;
        for (int l = 1; l < depth; l++) {
            widths[l] = parallel && l == depth - 1 ? 1 : 2 + rng.nextInt(2);
        }
        List<List<DMatrixRMaj>> w = new ArrayList<>();
        for (int j = 0; j < branches; j++) {
            List<DMatrixRMaj> b = new ArrayList<>();
            for (int l = 1; l <= depth; l++) {
                b.add(Matrices.gaussian(widths[l - 1], widths[l], 0.7, rng));
            }
            w.add(b);
        }
        LinearNetworkGradient g = new LinearNetworkGradient(x, lthPower ? depth : 2);
        double lossWeight = augmented ? 7.5 : 1.0;
        double regWeight = augmented ? 1.0 : 0.3;
        LinearNetworkGradient.Evaluation e = g.evaluate(w, target, lossWeight, regWeight, true);
        assertThat(e.value()).isCloseTo(lossWeight * e.loss() + regWeight * g.regularizer(w),
                org.assertj.core.api.Assertions.within(1e-12 * (1 + Math.abs(e.value()))));
        for (int j = 0; j < branches; j++) {
            for (int l = 0; l < depth; l++) {
                DMatrixRMaj wl = w.get(j).get(l);
                DMatrixRMaj gl = e.gradient().get(j).get(l);
                for (int i = 0; i < wl.getNumElements(); i++) {
                    double orig = wl.data[i];
                    wl.data[i] = orig + FD_STEP;
                    double plus = g.evaluate(w, target, lossWeight, regWeight, false).value();
                    wl.data[i] = orig - FD_STEP;
                    double minus = g.evaluate(w, target, lossWeight, regWeight, false).value();
                    wl.data[i] = orig;
                    double fd = (plus - minus) / (2 * FD_STEP);
                    assertThat(Math.abs(fd - gl.data[i]))
                            .as("branch %d layer %d entry %d", j, l + 1, i)
                            .isLessThanOrEqualTo(FD_TOLERANCE * (1 + Math.abs(gl.data[i])) * Math.max(1, lossWeight));
                }
            }
        }
    }
}
