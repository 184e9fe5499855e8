package io.dualnet.train;

import io.dualnet.deeprelu.RankOneData;
import io.dualnet.deeprelu.RankOneTarget;
import io.dualnet.linalg.Matrices;
import io.dualnet.linalg.Vectors;
import io.dualnet.net.DeepReluNetwork;
import io.dualnet.opt.GroupInterpolation;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Column generation for (23) with vector outputs: recomputed bracket, weak duality, the scalar value scaled. */
class ParallelReluVectorColumnsTest {
    private static final double TOL = 1e-6;
    private static final double FIT = 1e-7;

    @Test
    void bracketIsRecomputedFromWeightsAndDualPoint() {
        Random rng = new Random(21);
        int n = 6;
        int k = 3;
        DMatrixRMaj x = Matrices.gaussian(n, 3, 1, rng);
        DMatrixRMaj y = Matrices.gaussian(n, k, 1, rng);
        ParallelReluBracket b = new ParallelReluColumns(new ParallelReluColumns.Options(new int[] {3}, 8, 10, 4, 150, 4))
                .solve(x, y);
        assertThat(b.upper()).isFinite();
        assertThat(b.activeBranches()).isLessThanOrEqualTo(n * k + 1);
        double upper = assertNetwork(x, y, b);
        // weak duality, recomputed: <Lambda, Y> / max(1, max ||Lambda^T v||) over the returned branches and 200
        // random unit-norm branches is a lower bound on the restricted value, never above the network
        DMatrixRMaj lambda = b.lambdaMatrix();
        double m = 1;
        SplittableRandom r = new SplittableRandom(5);
        List<List<DMatrixRMaj>> probes = new ArrayList<>(b.branches());
        for (int i = 0; i < 200; i++) {
            probes.add(ParallelReluColumns.randomBranch(new int[] {3}, 3, r));
        }
        for (List<DMatrixRMaj> p : probes) {
            m = Math.max(m, Vectors.norm(
                    ParallelReluVectorColumns.transposeTimes(lambda, ParallelReluColumns.feature(x, p))));
        }
        double lower = GroupInterpolation.inner(lambda, y) / m;
        assertThat(lower).isLessThanOrEqualTo(upper + TOL);
        assertThat(m).isLessThanOrEqualTo(Math.max(1, b.oracleMax()) + TOL); // the search beats random branches
        assertThat(b.lowerEstimate()).isCloseTo(GroupInterpolation.inner(lambda, y) / Math.max(1, b.oracleMax()),
                within(1e-12));
        assertThat(b.lowerCertified()).isLessThanOrEqualTo(b.lowerEstimate() + TOL);
        assertThat(b.lowerEstimate()).isLessThanOrEqualTo(b.upper() + TOL);
        for (int i = 1; i < b.rounds().size(); i++) {
            assertThat(b.rounds().get(i).upper()).isLessThanOrEqualTo(b.rounds().get(i - 1).upper() + TOL);
        }
        // trained parallel networks with K outputs, refitted by the group lasso: feasible, never below the certified bound
        ReluMinNormTrainer.Options o = new ReluMinNormTrainer.Options(new int[] {3, 1}, 6,
                ReluMinNormTrainer.Regularizer.LTH_POWER, 12, 300, 0.02, 1.0, 2, 4, 1);
        ReluMinNormTrainer.Result trained = new ReluMinNormTrainer(o).train(x, y);
        ParallelReluColumns.Restricted refit = ParallelReluColumns.refitLastLayer(x, y, trained.branches());
        if (Double.isFinite(refit.value())) {
            assertThat(refit.value()).isGreaterThanOrEqualTo(b.lowerCertified() - TOL);
        }
    }

    @Test
    void rankOneTargetScalesTheScalarValue() {
        // Y = y u^T on rank-one data: P(Y) = ||u|| P(y) = ||u|| (|alpha| + |beta|) / ||a0||, and both bounds reach it
        DMatrixRMaj x = ParallelReluColumnsTest.rankOneExample();
        double[] y1 = {1.5, 1.4, 0.75, 0.7};
        RankOneData data = RankOneData.of(x, "x");
        RankOneTarget t = RankOneTarget.of(data, new DMatrixRMaj(4, 1, true, y1));
        double[] u = {1, -0.5};
        DMatrixRMaj y = new DMatrixRMaj(4, 2);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 2; j++) {
                y.set(i, j, y1[i] * u[j]);
            }
        }
        double exact = Math.sqrt(1.25) * (t.alphaNorm() + t.betaNorm()) / data.a0Norm();
        for (int depth = 2; depth <= 3; depth++) {
            int[] hidden = new int[depth - 2];
            java.util.Arrays.fill(hidden, 2);
            ParallelReluBracket b = new ParallelReluColumns(new ParallelReluColumns.Options(hidden, 4, 6, 4, 150, 5))
                    .solve(x, y);
            assertThat(b.upper()).isCloseTo(exact, within(TOL));
            assertThat(b.lowerEstimate()).isCloseTo(exact, within(TOL));
            assertThat(b.lowerCertified()).isLessThanOrEqualTo(exact + TOL);
            assertNetwork(x, y, b);
        }
    }

    /** Recomputes sum_j v_j w_j^T = Y and returns sum_j ||w_j||, checking it against upper and the unit layers. */
    private static double assertNetwork(DMatrixRMaj x, DMatrixRMaj y, ParallelReluBracket b) {
        DMatrixRMaj fit = new DMatrixRMaj(y.numRows, y.numCols);
        DMatrixRMaj last = b.lastLayerMatrix();
        double total = 0;
        for (int j = 0; j < b.activeBranches(); j++) {
            List<DMatrixRMaj> w = new ArrayList<>(b.branches().get(j));
            for (DMatrixRMaj wl : w) {
                assertThat(Matrices.frobeniusSquared(wl)).isCloseTo(1, within(1e-9));
            }
            DMatrixRMaj row = new DMatrixRMaj(1, y.numCols);
            for (int c = 0; c < y.numCols; c++) {
                row.data[c] = last.get(j, c);
            }
            w.add(row);
            DMatrixRMaj f = DeepReluNetwork.withoutBiases(w).predict(x);
            for (int i = 0; i < fit.data.length; i++) {
                fit.data[i] += f.data[i];
            }
            total += Vectors.norm(row.data);
        }
        assertThat(Matrices.distance(fit, y)).isLessThan(FIT);
        assertThat(total).isCloseTo(b.upper(), within(1e-9));
        return total;
    }
}
