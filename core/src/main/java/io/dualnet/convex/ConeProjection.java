package io.dualnet.convex;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.linalg.Vectors;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Euclidean projection of a block {@code v0} onto the cone of one activation pattern,
 * {@code K_i = {v : a_k^T v >= 0 for all samples k}} with {@code a_k = (2 D_i - I)_kk x_k} (paper 002 Appendix A: the
 * constraint of every block of the cone program), exact up to rounding. By the KKT conditions the projection is
 * {@code v = v0 + sum_{k in S} mu_k a_k} with {@code mu >= 0} solving {@code min_{mu >= 0} ½||v0 + A_S^T mu||²} over
 * the constraints {@code S} active at it; there are at most {@code d'} of them although {@code n} may be 12 000.
 *
 * <p>Method: constraint generation. {@code S} starts empty; each round projects {@code v0} exactly onto the relaxed
 * cone {@code {a_k^T v >= 0, k in S}} (Lawson and Hanson's active-set NNLS on the Gram matrix {@code A_S A_S^T},
 * warm-started from the last round's multipliers) and adds the samples the result still violates (at most
 * {@link #ADDED_PER_ROUND}, the most violated first). The relaxed cones contain {@code K_i} and shrink, so the rounds
 * end at the projection when the violated samples stop appearing; a round count or an active set larger than
 * {@code maxActive} ends it early, and the caller then sees the remaining violation. Stateless; arguments are not
 * modified.
 */
public final class ConeProjection {
    /** Samples added to the active-set candidates per round. */
    public static final int ADDED_PER_ROUND = 64;
    /** A product {@code a_k^T v} below {@code -VIOLATION * ||a_k|| ||v0||} counts as violated. */
    public static final double VIOLATION = 1e-12;

    private ConeProjection() {
    }

    /**
     * The projection of {@code v0} onto the cone of pattern {@code pattern} of {@code op}.
     *
     * @param op the pattern operator (features {@code n x d'} and the patterns)
     * @param pattern index of the pattern
     * @param v0 the block, {@code d'} entries
     * @param rounds most constraint-generation rounds, {@code >= 1}
     * @param maxActive most candidate constraints, {@code >= 1}
     * @return the projection (or, when a limit ends the rounds, the projection onto the last relaxed cone)
     * @throws MatrixDimensionException naming {@code v0} when its length is not {@code d'}
     * @throws InvalidInputException naming {@code pattern}, {@code rounds} or {@code maxActive} when out of range
     */
    public static double[] project(PatternOperator op, int pattern, double[] v0, int rounds, int maxActive) {
        return project(op, pattern, v0, rounds, maxActive, rowNorms(op.x()));
    }

    /**
     * {@link #project(PatternOperator, int, double[], int, int)} with the sample norms {@code ||x_k||} given (computed
     * once for the many blocks of one repair by {@link #rowNorms}).
     */
    public static double[] project(PatternOperator op, int pattern, double[] v0, int rounds, int maxActive,
                                   double[] rowNorms) {
        int d = op.x().numCols;
        if (v0.length != d) {
            throw new MatrixDimensionException("v0", v0.length + " entries", d + " entries (the feature count)");
        }
        return projectAll(op, new int[] {pattern}, DMatrixRMaj.wrap(d, 1, v0.clone()), rounds, maxActive,
                rowNorms).data;
    }

    /**
     * The projections of the columns of {@code v0s} ({@code d' x c}), column {@code j} onto the cone of pattern
     * {@code patterns[j]}, as {@link #project(PatternOperator, int, double[], int, int)} computes each: the rounds run
     * for all blocks together, so that each round's products {@code X v} of the blocks still open are one
     * matrix product instead of one matrix-vector product per block (these took a fifth of a 3e-3 beta_max certify at
     * n = 3000 when taken block by block). Returns a new {@code d' x c} matrix.
     *
     * @throws MatrixDimensionException naming {@code v0s} or {@code rowNorms} when their shapes do not match
     * @throws InvalidInputException naming {@code patterns}, {@code rounds} or {@code maxActive} when out of range
     */
    public static DMatrixRMaj projectAll(PatternOperator op, int[] patterns, DMatrixRMaj v0s, int rounds,
                                         int maxActive, double[] rowNorms) {
        DMatrixRMaj x = op.x();
        int n = x.numRows;
        int d = x.numCols;
        int c = patterns.length;
        if (v0s.numRows != d || v0s.numCols != c) {
            throw new MatrixDimensionException("v0s", v0s.numRows + "x" + v0s.numCols,
                    d + "x" + c + " (features x patterns)");
        }
        if (rowNorms.length != n) {
            throw new MatrixDimensionException("rowNorms", rowNorms.length + " entries", n + " entries (the samples)");
        }
        for (int pattern : patterns) {
            if (pattern < 0 || pattern >= op.patterns().count()) {
                throw new InvalidInputException("pattern", Integer.toString(pattern),
                        "an index in [0, " + op.patterns().count() + ")");
            }
        }
        if (rounds < 1 || maxActive < 1) {
            throw new InvalidInputException(rounds < 1 ? "rounds" : "maxActive",
                    Integer.toString(rounds < 1 ? rounds : maxActive), "at least 1");
        }
        double maxRow = 0;
        for (double t : rowNorms) {
            maxRow = Math.max(maxRow, t);
        }
        DMatrixRMaj out = new DMatrixRMaj(d, c);
        int width = PatternOperator.chunkWidth(n, c);
        for (int from = 0; from < c; from += width) {
            int to = Math.min(c, from + width);
            Block[] blocks = new Block[to - from];
            for (int j = from; j < to; j++) {
                double[] v0 = new double[d];
                for (int r = 0; r < d; r++) {
                    v0[r] = v0s.data[r * c + j];
                }
                blocks[j - from] = new Block(op, patterns[j], v0, maxRow, rowNorms);
            }
            List<Block> open = new ArrayList<>(Arrays.asList(blocks));
            for (int round = 0; round < rounds && !open.isEmpty(); round++) {
                DMatrixRMaj current = new DMatrixRMaj(d, open.size());
                for (int j = 0; j < open.size(); j++) {
                    double[] v = open.get(j).v;
                    for (int r = 0; r < d; r++) {
                        current.data[r * open.size() + j] = v[r];
                    }
                }
                DMatrixRMaj products = Linalg.get().mult(x, false, current, false);
                List<Block> next = new ArrayList<>();
                for (int j = 0; j < open.size(); j++) {
                    if (open.get(j).round(products, j, maxActive)) {
                        next.add(open.get(j));
                    }
                }
                open = next;
            }
            for (int j = from; j < to; j++) {
                double[] v = blocks[j - from].v;
                for (int r = 0; r < d; r++) {
                    out.data[r * c + j] = v[r];
                }
            }
        }
        return out;
    }

    /** One block's constraint generation: its candidate rows, their Gram matrix, multipliers and current point. */
    private static final class Block {
        private final PatternOperator op;
        private final int pattern;
        private final double[] v0;
        private final double[] rowNorms;
        private final double scale;
        private final double tol;
        private final List<Integer> set = new ArrayList<>();
        private final boolean[] inSet;
        private double[] mu = new double[0];
        private DMatrixRMaj rows;
        private double[][] gram = new double[0][];
        private double[] linear = new double[0];
        private double[] v;

        Block(PatternOperator op, int pattern, double[] v0, double maxRow, double[] rowNorms) {
            this.op = op;
            this.pattern = pattern;
            this.v0 = v0;
            this.rowNorms = rowNorms;
            this.scale = Vectors.norm(v0);
            this.tol = 1e-13 * maxRow * (1 + scale);
            this.inSet = new boolean[rowNorms.length];
            this.rows = new DMatrixRMaj(0, v0.length);
            this.v = v0.clone();
        }

        /**
         * One round from the products {@code X v} (column {@code column} of {@code products}): adds the most violated
         * samples and projects onto the relaxed cone; false when nothing is violated or the candidates are full.
         */
        boolean round(DMatrixRMaj products, int column, int maxActive) {
            DMatrixRMaj x = op.x();
            int n = x.numRows;
            int d = x.numCols;
            int width = products.numCols;
            double[] signed = new double[n];
            List<Integer> violated = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                double t = products.data[k * width + column];
                signed[k] = op.active(k, pattern) ? t : -t;
                if (!inSet[k] && signed[k] < -VIOLATION * rowNorms[k] * scale) {
                    violated.add(k);
                }
            }
            if (violated.isEmpty() || set.size() >= maxActive) {
                return false;
            }
            violated.sort((p1, p2) -> Double.compare(signed[p1] / rowNorms[p1], signed[p2] / rowNorms[p2]));
            int add = Math.min(Math.min(ADDED_PER_ROUND, violated.size()), maxActive - set.size());
            for (int c = 0; c < add; c++) {
                set.add(violated.get(c));
                inSet[violated.get(c)] = true;
            }
            // Grow the Gram matrix A_S A_S^T and A_S v0 by the new rows only (one GEMM of the new rows by all).
            int before = rows.numRows;
            int size = set.size();
            DMatrixRMaj grownRows = new DMatrixRMaj(size, d);
            System.arraycopy(rows.data, 0, grownRows.data, 0, before * d);
            for (int a = before; a < size; a++) {
                int k = set.get(a);
                double sign = op.active(k, pattern) ? 1 : -1;
                for (int r = 0; r < d; r++) {
                    grownRows.data[a * d + r] = sign * x.data[k * d + r];
                }
            }
            DMatrixRMaj fresh = new DMatrixRMaj(size - before, d);
            System.arraycopy(grownRows.data, before * d, fresh.data, 0, fresh.data.length);
            rows = grownRows;
            DMatrixRMaj cross = Linalg.get().mult(fresh, false, rows, true);
            double[][] grown = new double[size][size];
            double[] grownLinear = Arrays.copyOf(linear, size);
            for (int a = 0; a < before; a++) {
                System.arraycopy(gram[a], 0, grown[a], 0, before);
            }
            for (int a = before; a < size; a++) {
                for (int b = 0; b < size; b++) {
                    double t = cross.data[(a - before) * size + b];
                    grown[a][b] = t;
                    grown[b][a] = t;
                }
                double t = 0;
                for (int r = 0; r < d; r++) {
                    t += rows.data[a * d + r] * v0[r];
                }
                grownLinear[a] = t;
            }
            gram = grown;
            linear = grownLinear;
            mu = ActiveSetNnls.solveGram(gram, linear, mu, tol, true);
            v = v0.clone();
            for (int a = 0; a < size; a++) {
                if (mu[a] != 0) {
                    for (int r = 0; r < d; r++) {
                        v[r] += mu[a] * rows.data[a * d + r];
                    }
                }
            }
            return true;
        }
    }

    /** The sample norms {@code ||x_k||} of the rows of {@code x}. */
    public static double[] rowNorms(DMatrixRMaj x) {
        int d = x.numCols;
        double[] out = new double[x.numRows];
        for (int k = 0; k < out.length; k++) {
            double s = 0;
            for (int r = 0; r < d; r++) {
                double t = x.data[k * d + r];
                s += t * t;
            }
            out[k] = Math.sqrt(s);
        }
        return out;
    }
}
