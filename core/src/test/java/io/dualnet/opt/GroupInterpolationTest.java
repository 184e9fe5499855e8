package io.dualnet.opt;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The group-lasso interpolation: the l1 program for K = 1, recomputed certificates for K > 1. */
class GroupInterpolationTest {
    private static final double FEASIBLE = 1e-8;
    private static final double GAP = 1e-6;

    @Test
    void oneColumnTargetMatchesTheLinearProgram() {
        Random rng = new Random(3);
        List<double[]> columns = columns(rng, 6, 15);
        double[] y = new double[6];
        for (int i = 0; i < y.length; i++) {
            y[i] = rng.nextGaussian();
        }
        double[] costs = new double[columns.size()];
        java.util.Arrays.fill(costs, 1);
        L1Interpolation.Result lp = L1Interpolation.solve(columns, costs, y);
        GroupInterpolation.Result g = GroupInterpolation.solve(columns, new DMatrixRMaj(6, 1, true, y));
        assertThat(g.value()).isCloseTo(lp.value(), within(GAP * Math.max(1, lp.value())));
        assertCertificate(columns, new DMatrixRMaj(6, 1, true, y), g);
    }

    @Test
    void vectorTargetHasAClosedDualityGapRecomputed() {
        Random rng = new Random(7);
        for (int k = 2; k <= 4; k++) {
            List<double[]> columns = columns(rng, 5, 12);
            DMatrixRMaj y = new DMatrixRMaj(5, k);
            for (int i = 0; i < y.data.length; i++) {
                y.data[i] = rng.nextGaussian();
            }
            GroupInterpolation.Result g = GroupInterpolation.solve(columns, y);
            assertCertificate(columns, y, g);
            // a rank-one target y u^T has value ||u|| times the l1 value of y
            DMatrixRMaj y1 = new DMatrixRMaj(5, 1);
            for (int i = 0; i < 5; i++) {
                y1.data[i] = y.get(i, 0);
            }
            DMatrixRMaj outer = new DMatrixRMaj(5, k);
            double[] u = new double[k];
            double un = 0;
            for (int c = 0; c < k; c++) {
                u[c] = rng.nextGaussian();
                un += u[c] * u[c];
            }
            for (int i = 0; i < 5; i++) {
                for (int c = 0; c < k; c++) {
                    outer.set(i, c, y1.data[i] * u[c]);
                }
            }
            double[] costs = new double[columns.size()];
            java.util.Arrays.fill(costs, 1);
            double l1 = L1Interpolation.solve(columns, costs, y1.data).value();
            GroupInterpolation.Result r = GroupInterpolation.solve(columns, outer);
            assertThat(r.value()).isCloseTo(Math.sqrt(un) * l1, within(GAP * Math.max(1, r.value())));
            assertCertificate(columns, outer, r);
        }
    }

    @Test
    void targetOutsideTheSpanIsInfeasible() {
        List<double[]> columns = List.of(new double[] {1, 0, 0}, new double[] {1, 1, 0});
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}, {1, 1}});
        assertThat(GroupInterpolation.solve(columns, y).value()).isInfinite();
    }

    /** A W Y = Y, value = sum ||w_j||, ||Lambda^T a_j|| <= 1, and <Lambda, Y> within the gap below the value. */
    private static void assertCertificate(List<double[]> columns, DMatrixRMaj y, GroupInterpolation.Result g) {
        DMatrixRMaj a = GroupInterpolation.matrix(columns, y.numRows);
        assertThat(GroupInterpolation.residual(a, g.weights(), y)).isLessThan(FEASIBLE);
        assertThat(GroupInterpolation.groupSum(g.weights())).isCloseTo(g.value(), within(1e-12 * Math.max(1, g.value())));
        DMatrixRMaj at = new DMatrixRMaj(a.numCols, y.numCols);
        CommonOps_DDRM.multTransA(a, g.lambda(), at);
        for (int j = 0; j < at.numRows; j++) {
            double s = 0;
            for (int c = 0; c < at.numCols; c++) {
                s += at.get(j, c) * at.get(j, c);
            }
            assertThat(Math.sqrt(s)).isLessThanOrEqualTo(1 + 1e-12);
        }
        double dual = GroupInterpolation.inner(g.lambda(), y);
        assertThat(dual).isCloseTo(g.dual(), within(1e-12 * Math.max(1, g.value())));
        assertThat(dual).isLessThanOrEqualTo(g.value() + 1e-9);
        assertThat(g.value() - dual).isLessThanOrEqualTo(GAP * Math.max(1, g.value()));
    }

    private static List<double[]> columns(Random rng, int n, int m) {
        List<double[]> out = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            double[] c = new double[n];
            for (int i = 0; i < n; i++) {
                c[i] = Math.max(0, rng.nextGaussian());
            }
            out.add(c);
        }
        return out;
    }
}
