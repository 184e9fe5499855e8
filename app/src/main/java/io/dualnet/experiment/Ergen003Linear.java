package io.dualnet.experiment;

import io.dualnet.closedform.DeepLinearStructure;
import io.dualnet.closedform.LinearMinNorm;
import io.dualnet.closedform.NuclearNormRegression;
import io.dualnet.closedform.TwoLayerLinear;
import io.dualnet.closedform.WhitenedWeightDecay;
import io.dualnet.data.Generators;
import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.Matrices;
import io.dualnet.linalg.Svd;
import io.dualnet.net.DeepLinearWeights;
import io.dualnet.train.LinearNetworkTrainer;
import io.dualnet.train.LinearTrainingResult;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Cells of the linear-network experiments of Ergen and Pilanci, "Revealing the structure of deep neural networks via
 * convex duality" (paper 003): Figures 2a/5 (two-layer weight-decay sweep and its rank thresholds), 2b/3a (four-layer
 * weight decay) and the structure theorems 2.1, 3.1, 3.3/3.4. Every cell is a pure function of its record; all math
 * comes from {@code io.dualnet.closedform} and {@code io.dualnet.train}.
 */
public final class Ergen003Linear {
    private Ergen003Linear() {
    }

    /** A number in a file-name-safe form. */
    static String num(double v) {
        return Double.toString(v).replace('.', 'p').replace('-', 'm');
    }

    // ------------------------------------------------------------------ Figure 2a / 5: two-layer sweep

    /**
     * One beta of the two-layer sweep.
     *
     * @param data the data
     * @param width hidden width {@code m}
     * @param beta weight decay
     * @param train training settings
     */
    public record SweepCell(Ergen003Data data, int width, double beta, Ergen003Train train) implements GridCell {
        private static final long serialVersionUID = 1L;

        @Override
        public String key() {
            return "b" + num(beta) + "-m" + width + "-" + data.key() + "-" + train.key();
        }
    }

    /**
     * @param beta weight decay
     * @param closedRank rank of the certified solution {@code W*} of {@code 1/2||XW-Y||^2 + beta||W||_*}
     * @param closedSingularValues {@code sigma_i(W*)}
     * @param closedGap certified duality gap of {@code W*}
     * @param closedConverged whether the gap target was met
     * @param closedObjective {@code P(W*)}
     * @param trainedRank rank of the trained {@code W_1}
     * @param trainedSingularValues {@code sigma_i(W_1)} of the trained network
     * @param trainedObjective trained {@code 1/2||X W_1 W_2 - Y||^2 + beta/2 (||W_1||^2 + ||W_2||^2)}
     * @param neuronMass {@code (1/m) sum_j <w_j/||w_j||, u_i>^2} for the left singular vectors {@code u_i} of
     *     {@code W*} ({@code i = 1..c})
     */
    public record SweepResult(double beta, int closedRank, double[] closedSingularValues, double closedGap,
                              boolean closedConverged, double closedObjective, int trainedRank,
                              double[] trainedSingularValues, double trainedObjective, double[] neuronMass) {
    }

    /** Runs a sweep cell. */
    public static SweepResult sweep(SweepCell cell) {
        DMatrixRMaj[] xy = cell.data().build();
        NuclearNormRegression.Result closed = closedForm(xy[0], xy[1], cell.data().whiten(), cell.beta());
        // The settings LinearWeightDecaySweep imposes (STANDARD, WEIGHT_DECAY, width m), trained once here because the
        // neuron masses of Figure 5a need W_1 itself, not only its rank and spectrum.
        LinearNetworkTrainer.Options o = cell.train().options(cell.width())
                .withArchitecture(LinearNetworkTrainer.Architecture.STANDARD, 1)
                .withObjective(LinearNetworkTrainer.Objective.WEIGHT_DECAY, cell.beta());
        LinearTrainingResult trained = new LinearNetworkTrainer(o).train(xy[0], xy[1]);
        DMatrixRMaj w1 = trained.standardWeights().layer(1);
        Svd svd = Linalg.get().svd(closed.w());
        double[] mass = new double[svd.u().numCols];
        int used = 0;
        for (int j = 0; j < w1.numCols; j++) {
            double norm = 0;
            for (int i = 0; i < w1.numRows; i++) {
                norm += w1.unsafe_get(i, j) * w1.unsafe_get(i, j);
            }
            if (norm == 0) {
                continue;
            }
            used++;
            for (int k = 0; k < mass.length; k++) {
                double dot = 0;
                for (int i = 0; i < w1.numRows; i++) {
                    dot += w1.unsafe_get(i, j) * svd.u().unsafe_get(i, k);
                }
                mass[k] += dot * dot / norm;
            }
        }
        for (int k = 0; k < mass.length; k++) {
            mass[k] /= Math.max(1, used);
        }
        return new SweepResult(cell.beta(), closed.rank(), closed.singularValues(), closed.gap(), closed.converged(),
                closed.primal(), trained.layer(0, 1).rank(), trained.firstLayerSingularValues(), trained.bestObjective(),
                mass);
    }

    /** Exact SVT for whitened data, the certified proximal-gradient solver otherwise. */
    public static NuclearNormRegression.Result closedForm(DMatrixRMaj x, DMatrixRMaj y, boolean whitened, double beta) {
        return whitened ? NuclearNormRegression.solveOrthonormal(x, y, beta) : NuclearNormRegression.solve(x, y, beta);
    }

    /**
     * The {@code k}-th rank threshold of the closed form: {@code sup{beta : rank W*(beta) >= k}}.
     *
     * @param data the data
     * @param k {@code 1..c}
     * @param steps bisection steps
     */
    public record ThresholdCell(Ergen003Data data, int k, int steps) implements GridCell {
        private static final long serialVersionUID = 1L;

        @Override
        public String key() {
            return "k" + k + "-st" + steps + "-" + data.key();
        }
    }

    /**
     * @param k the rank
     * @param lower a beta with {@code rank W* >= k}
     * @param upper a beta with {@code rank W* < k}
     * @param svtThreshold {@code sigma_k(X^T Y)}, the threshold if {@code X} had orthonormal columns
     */
    public record ThresholdResult(int k, double lower, double upper, double svtThreshold) {
        /** Midpoint of the bracket. */
        public double beta() {
            return 0.5 * (lower + upper);
        }
    }

    /**
     * Runs a threshold cell. {@code W* = 0} iff {@code sigma_max(X^T Y) <= beta}, so the first threshold is exactly
     * {@code sigma_1(X^T Y)}; the others are bracketed by bisection of the certified solver's rank on
     * {@code (0, sigma_1(X^T Y)]} (the rank is non-increasing in beta on these instances).
     */
    public static ThresholdResult threshold(ThresholdCell cell) {
        DMatrixRMaj[] xy = cell.data().build();
        double[] s = NuclearNormRegression.rankThresholds(xy[0], xy[1]);
        if (cell.k() < 1 || cell.k() > s.length) {
            throw new InvalidInputException("k", cell.k(), "1.." + s.length);
        }
        double svt = s[cell.k() - 1];
        if (cell.k() == 1 || cell.data().whiten()) {
            return new ThresholdResult(cell.k(), svt, svt, svt);
        }
        double lo = 0;
        double hi = s[0];
        for (int i = 0; i < cell.steps(); i++) {
            double mid = 0.5 * (lo + hi);
            if (NuclearNormRegression.solve(xy[0], xy[1], mid).rank() >= cell.k()) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return new ThresholdResult(cell.k(), lo, hi, svt);
    }

    // ------------------------------------------------------------------ Figures 2b / 3a: deep weight decay

    /**
     * A deep linear network trained with weight decay on whitened data.
     *
     * @param data whitened data
     * @param widths hidden widths {@code m_1..m_{L-1}}
     * @param beta weight decay
     * @param train training settings
     */
    public record DeepCell(Ergen003Data data, int[] widths, double beta, Ergen003Train train) implements GridCell {
        private static final long serialVersionUID = 1L;

        /** Copies the widths; the data must be whitened. */
        public DeepCell {
            widths = widths.clone();
            if (!data.whiten()) {
                throw new InvalidInputException("data.whiten", false, "whitened data (closed form of Appendix B)");
            }
        }

        @Override
        public int[] widths() {
            return widths.clone();
        }

        @Override
        public String key() {
            StringBuilder w = new StringBuilder();
            for (int m : widths) {
                w.append(w.length() == 0 ? "" : "x").append(m);
            }
            return "b" + num(beta) + "-h" + w + "-" + data.key() + "-" + train.key();
        }
    }

    /**
     * @param beta weight decay
     * @param iterations the iteration budget
     * @param ranks rank of every trained layer (trainer tolerance)
     * @param spectral {@code ||W_l||_2}
     * @param frobenius {@code ||W_l||_F}
     * @param secondOverFirst {@code sigma_2(W_l) / sigma_1(W_l)}
     * @param objective trained {@code 1/2||X W_1..W_L - Y||^2 + beta/2 sum ||W_l||_F^2}
     * @param optimum the global optimum ({@link WhitenedWeightDecay})
     * @param predictedRank rank of the optimal end-to-end matrix
     * @param predictedSingularValues optimal end-to-end singular values {@code s_i}; every optimal layer has singular
     *     values {@code s_i^{1/L}}
     */
    public record DeepResult(double beta, int iterations, int[] ranks, double[] spectral, double[] frobenius,
                             double[] secondOverFirst, double objective, double optimum, int predictedRank,
                             double[] predictedSingularValues) {
    }

    /** Runs a deep cell. */
    public static DeepResult deep(DeepCell cell) {
        DMatrixRMaj[] xy = cell.data().build();
        LinearNetworkTrainer.Options o = cell.train().options(cell.widths())
                .withObjective(LinearNetworkTrainer.Objective.WEIGHT_DECAY, cell.beta());
        LinearTrainingResult r = new LinearNetworkTrainer(o).train(xy[0], xy[1]);
        int depth = o.depth();
        int[] ranks = new int[depth];
        double[] spectral = new double[depth];
        double[] frob = new double[depth];
        double[] ratio = new double[depth];
        for (int l = 1; l <= depth; l++) {
            LinearTrainingResult.LayerDiagnostics dg = r.layer(0, l);
            ranks[l - 1] = dg.rank();
            spectral[l - 1] = dg.spectralNorm();
            frob[l - 1] = dg.frobeniusNorm();
            double[] s = Linalg.get().singularValues(r.standardWeights().layer(l));
            ratio[l - 1] = s.length < 2 || s[0] == 0 ? 0 : s[1] / s[0];
        }
        WhitenedWeightDecay w = WhitenedWeightDecay.solve(xy[0], xy[1], depth, cell.beta());
        return new DeepResult(cell.beta(), cell.train().iterations(), ranks, spectral, frob, ratio,
                r.bestObjective(), w.objective(), w.rank(), w.optimalSingularValues());
    }

    // ------------------------------------------------------------------ structure theorems

    /** Which theorem a {@link StructureCell} checks. */
    public enum Theorem {
        /** Thm 2.1, (7)-(8): two-layer minimum-norm scalar output. */
        THM_2_1,
        /** Thm 3.1: deep minimum-norm scalar output. */
        THM_3_1,
        /** Thm 3.3/3.4: deep vector output, {@code X = I_3}, {@code Y = diag(3,2,1)}, {@code L = 3}. */
        THM_3_4
    }

    /**
     * A structure-theorem check.
     *
     * @param theorem which theorem
     * @param n samples of the scalar instances ({@code n < d}, so {@code y} is interpolable)
     * @param d input dimension of the scalar instances
     * @param widths hidden widths of the trained network
     * @param dataSeed seed of {@code X} and of the planted {@code w*} ({@code y = X w*})
     * @param train trainer settings (objective MIN_NORM)
     */
    public record StructureCell(Theorem theorem, int n, int d, int[] widths, long dataSeed, Ergen003Train train)
            implements GridCell {
        private static final long serialVersionUID = 1L;

        /** Copies the widths. */
        public StructureCell {
            widths = widths.clone();
        }

        @Override
        public int[] widths() {
            return widths.clone();
        }

        @Override
        public String key() {
            StringBuilder w = new StringBuilder();
            for (int m : widths) {
                w.append(w.length() == 0 ? "" : "x").append(m);
            }
            return theorem.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-n" + n + "-d" + d + "-h" + w + "-ds"
                    + dataSeed + "-" + train.key();
        }
    }

    /**
     * @param theorem which theorem
     * @param closedValue the closed-form minimum-norm value with 1/2 (Thm 2.1: {@code ||X^+y||}; Thm 3.1:
     *     {@code (L/2)||X^+y||^{2/L}}; Thm 3.4: the standard network's {@code P = (L/2) sum sigma_i^{2/L}})
     * @param dualValue the dual value {@code D} ({@code = closedValue} for scalar output)
     * @param relaxedValue Thm 3.4: the parallel relaxation's objective at the Thm 3.3 weights (NaN otherwise)
     * @param relaxedFitError Thm 3.4: {@code ||X W_relaxed - Y||_F} (NaN otherwise)
     * @param trainedValue trained {@code 1/2 sum ||W_l||_F^2} (standard network, MIN_NORM)
     * @param trainedResidual {@code ||X W_1..W_L - Y||_F}
     * @param alignment {@code |<u_1(W_1), X^+y/||X^+y||>|} (scalar output; NaN otherwise)
     * @param trainedNormRatios {@code ||W_l||_2 / ||W_l||_F} of the trained hidden layers {@code l <= L-2}
     * @param closedNormRatios the same for the closed-form weights
     */
    public record StructureResult(Theorem theorem, double closedValue, double dualValue, double relaxedValue,
                                  double relaxedFitError, double trainedValue, double trainedResidual,
                                  double alignment, double[] trainedNormRatios, double[] closedNormRatios) {
    }

    /** Runs a structure cell. */
    public static StructureResult structure(StructureCell cell) {
        LinearNetworkTrainer.Options o = cell.train().options(cell.widths())
                .withObjective(LinearNetworkTrainer.Objective.MIN_NORM, 0);
        int depth = o.depth();
        if (cell.theorem() == Theorem.THM_3_4) {
            DMatrixRMaj x = Generators.identity(3);
            DMatrixRMaj y = new DMatrixRMaj(new double[][] {{3, 0, 0}, {0, 2, 0}, {0, 0, 1}});
            LinearMinNorm mn = new LinearMinNorm(x, y, cell.widths());
            DeepLinearStructure.VectorOutput v = DeepLinearStructure.vectorOutput(x, y, depth);
            LinearTrainingResult r = new LinearNetworkTrainer(o).train(x, y);
            return new StructureResult(cell.theorem(), mn.primal(), mn.dual(),
                    DeepLinearStructure.relaxedObjective(v.weights()),
                    Matrices.distance(v.weights().predict(x), y), r.bestObjective(), r.constraintResidual(),
                    Double.NaN, DeepLinearStructure.hiddenLayerNormRatios(r.standardWeights()),
                    DeepLinearStructure.hiddenLayerNormRatios(mn.weights()));
        }
        DMatrixRMaj x = Generators.gaussian(cell.n(), cell.d(), cell.dataSeed());
        DMatrixRMaj y = Linalg.get().mult(x, Generators.gaussian(cell.d(), 1, cell.dataSeed() + 1));
        LinearTrainingResult r = new LinearNetworkTrainer(o).train(x, y);
        DeepLinearWeights trained = r.standardWeights();
        DMatrixRMaj neuron;
        double value;
        double[] closedRatios;
        if (cell.theorem() == Theorem.THM_2_1) {
            TwoLayerLinear.MinNormScalar s = TwoLayerLinear.minNormScalar(x, y);
            neuron = s.neuron();
            value = s.value();
            closedRatios = new double[0];
        } else {
            DeepLinearStructure.ScalarOutput s = DeepLinearStructure.scalarOutput(x, y, cell.widths());
            neuron = TwoLayerLinear.minNormScalar(x, y).neuron();
            value = s.valueHalf();
            closedRatios = DeepLinearStructure.hiddenLayerNormRatios(s.balanced());
        }
        DMatrixRMaj u1 = Linalg.get().svd(trained.layer(1)).u();
        double dot = 0;
        for (int i = 0; i < neuron.numRows; i++) {
            dot += u1.unsafe_get(i, 0) * neuron.data[i];
        }
        return new StructureResult(cell.theorem(), value, value, Double.NaN, Double.NaN, r.bestObjective(),
                r.constraintResidual(), Math.abs(dot), DeepLinearStructure.hiddenLayerNormRatios(trained),
                closedRatios);
    }

    /** A grid of cells of one kind. */
    public static <C extends GridCell, R> Grid<C, R> grid(String id, List<C> cells, CellFunction<C, R> f,
                                                         Class<R> type) {
        return Grid.of(id, cells, f, type);
    }

    /** {@code n} log-spaced values from {@code lo} to {@code hi}. */
    public static double[] logSpace(double lo, double hi, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = n == 1 ? lo : lo * Math.pow(hi / lo, (double) i / (n - 1));
        }
        return out;
    }

    static String arr(double[] a) {
        return Arrays.toString(a);
    }
}
