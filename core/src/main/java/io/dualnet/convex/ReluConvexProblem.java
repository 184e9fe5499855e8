package io.dualnet.convex;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.loss.Loss;
import io.dualnet.net.TwoLayerReluProblem;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The convex reformulation of the weight-decay two-layer ReLU problem over a fixed set of activation patterns
 * (paper 002 Appendix A; spec §1.3; Pilanci and Ergen 2020). With {@code X} the problem's features and
 * {@code D_1..D_P} the patterns, the <em>cone</em> problem is
 *
 * <pre>
 *   min  l( sum_i D_i X (v_i - w_i), y ) + beta sum_i ( ||v_i||_2 + ||w_i||_2 )
 *   s.t. (2 D_i - I) X v_i >= 0,  (2 D_i - I) X w_i >= 0,
 * </pre>
 *
 * and the <em>gated</em> problem drops the constraints and keeps one block per pattern:
 * {@code min l(sum_i D_i X v_i, y) + beta sum_i ||v_i||_2}. With all patterns of the hyperplane arrangement the cone
 * optimum equals the ReLU network optimum (enough neurons); the gated problem is a relaxation of it.
 *
 * <p>An immutable value; methods never modify their arguments. One-off evaluations work on column chunks, so they
 * need {@code O(n)} times a chunk of memory besides the weights.
 */
public final class ReluConvexProblem {
    private final TwoLayerReluProblem problem;
    private final ActivationPatterns patterns;
    private final boolean gated;
    private final PatternOperator operator;
    /** Default NNLS iterations of the projection in {@link #repair(ConvexReluWeights)}. */
    public static final int PROJECTION_ITERATIONS = 100;
    /**
     * A block violating at most {@code max(d', EXACT_PROJECTION_MIN)} constraints is projected exactly
     * ({@link ConeProjection}, with twice as many candidate constraints); one violating more, by NNLS iterations.
     */
    public static final int EXACT_PROJECTION_MIN = 256;
    /** Constraint-generation rounds of an exact projection. */
    public static final int PROJECTION_ROUNDS = 12;
    /**
     * {@link #repair} leaves a constraint {@code (2 D_i - I) x_k^T b >= 0} alone when it is violated by at most this
     * times {@code ||x_k|| ||b||}: rounding. A trained network's hyperplanes pass through data points (at an optimum
     * dozens per neuron), where {@code x_k^T b} computed by a GEMM and by the dot product that assigned the sample's
     * side differ in sign at the 1e-17 level. Counted as violated, such a block went to the generator step, whose
     * generator (the neuron itself) lies on the same face, and was set to zero: a network fitted to a gap of 1.8e-5
     * (n = 300, objective 12.6168) became 38.76 before its certificate started.
     */
    public static final double ROUNDING_RTOL = 1e-12;

    /**
     * @param problem the two-layer ReLU problem (features, targets, loss, beta)
     * @param patterns at least one pattern over the problem's samples; generators, if any, of {@code d'} entries
     * @param gated whether this is the gated-ReLU relaxation (else the cone problem)
     * @throws InvalidInputException naming {@code patterns} when there is none or the shapes do not fit
     */
    public ReluConvexProblem(TwoLayerReluProblem problem, ActivationPatterns patterns, boolean gated) {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(patterns, "patterns");
        if (patterns.count() < 1) {
            throw new InvalidInputException("patterns", "P = 0", "at least one (non-zero) activation pattern");
        }
        if (patterns.samples() != problem.samples()) {
            throw new MatrixDimensionException("patterns", patterns.samples() + " samples",
                    problem.samples() + " samples (rows of x)");
        }
        for (int i = 0; i < patterns.count(); i++) {
            double[] g = patterns.generator(i);
            if (g != null && g.length != problem.featureCount()) {
                throw new MatrixDimensionException("patterns", "generator " + i + " of " + g.length + " entries",
                        problem.featureCount() + " entries (the feature count)");
            }
        }
        this.problem = problem;
        this.patterns = patterns;
        this.gated = gated;
        this.operator = new PatternOperator(problem.featuresView(), patterns);
    }

    /** The underlying two-layer ReLU problem. */
    public TwoLayerReluProblem problem() {
        return problem;
    }

    /** The activation patterns. */
    public ActivationPatterns patterns() {
        return patterns;
    }

    /** Whether this is the gated-ReLU relaxation. */
    public boolean gated() {
        return gated;
    }

    /** The map {@code V -> sum_i D_i X v_i} and its adjoint over the problem's features. */
    public PatternOperator operator() {
        return operator;
    }

    /** Weight decay {@code beta}. */
    public double beta() {
        return problem.beta();
    }

    /** The loss. */
    public Loss loss() {
        return problem.loss();
    }

    /** Number of blocks {@code K}: {@code P} (gated) or {@code 2P} (cone). */
    public int blockCount() {
        return gated ? patterns.count() : 2 * patterns.count();
    }

    /** The same patterns on another problem (e.g. another {@code beta}), same kind. */
    public ReluConvexProblem withProblem(TwoLayerReluProblem other) {
        return new ReluConvexProblem(other, patterns, gated);
    }

    /** The same problem over other patterns, same kind. */
    public ReluConvexProblem withPatterns(ActivationPatterns other) {
        return new ReluConvexProblem(problem, other, gated);
    }

    /** All-zero weights of this problem's shape. */
    public ConvexReluWeights zeros() {
        return ConvexReluWeights.zeros(problem.featureCount(), patterns.count(), gated);
    }

    /** Throws {@link MatrixDimensionException} naming {@code weights} unless they fit this problem. */
    public void requireFits(ConvexReluWeights weights) {
        Objects.requireNonNull(weights, "weights");
        if (weights.gated() != gated || weights.featureCount() != problem.featureCount()
                || weights.patternCount() != patterns.count()) {
            throw new MatrixDimensionException("weights",
                    weights.featureCount() + "x" + weights.blockCount() + (weights.gated() ? " gated" : " cone"),
                    problem.featureCount() + "x" + blockCount() + (gated ? " gated" : " cone") + " blocks");
        }
    }

    /** The convex model's predictions {@code sum_i D_i X (v_i - w_i)}. */
    public double[] predict(ConvexReluWeights weights) {
        requireFits(weights);
        int p = patterns.count();
        double[] out = new double[problem.samples()];
        operator.forEachProductChunk(weights.blocksView(), (from, to, z) -> {
            int c = to - from;
            for (int k = 0; k < out.length; k++) {
                double s = 0;
                for (int j = from; j < to; j++) {
                    int i = j < p ? j : j - p;
                    if (operator.active(k, i)) {
                        s += j < p ? z.data[k * c + j - from] : -z.data[k * c + j - from];
                    }
                }
                out[k] += s;
            }
        });
        return out;
    }

    /** The convex objective {@code l(predict(weights), y) + beta * groupNorm(weights)} (constraints not checked). */
    public double objective(ConvexReluWeights weights) {
        return problem.loss().value(predict(weights), problem.yView()) + problem.beta() * weights.groupNorm();
    }

    /**
     * The largest violation {@code max_{i,k} (-(2 D_i - I) X b_i)_k^+} of the cone constraints over all blocks
     * {@code b_i} (0 for the gated problem, which has none).
     */
    public double constraintViolation(ConvexReluWeights weights) {
        requireFits(weights);
        if (gated) {
            return 0;
        }
        int p = patterns.count();
        double[] worst = {0};
        operator.forEachProductChunk(weights.blocksView(), (from, to, z) -> {
            int c = to - from;
            for (int k = 0; k < problem.samples(); k++) {
                for (int j = from; j < to; j++) {
                    double t = z.data[k * c + j - from];
                    double signed = operator.active(k, j < p ? j : j - p) ? t : -t;
                    worst[0] = Math.max(worst[0], -signed);
                }
            }
        });
        return worst[0];
    }

    /**
     * A cone-feasible version of {@code weights} (returned unchanged for the gated problem). Every block {@code b} of
     * pattern {@code i} that violates its constraint is first replaced by its projection onto the cone
     * {@code {u : (2 D_i - I) X u >= 0}}, which moves it as little as possible: exactly ({@link ConeProjection})
     * when it violates at most {@code max(d', }{@link #EXACT_PROJECTION_MIN}{@code )} constraints, as a converging
     * iterate does, else approximately, {@code b + X^T S mu} from a few iterations of the dual NNLS
     * ({@link ConeNnls}). A violation left is then removed by moving along the pattern's generator {@code g_i}, an
     * interior direction of the cone, by the smallest {@code t >= 0} that makes {@code (2 D_i - I) X (b + t g_i)}
     * non-negative; a block whose pattern has no generator (or whose generator is not strictly inside on a violated
     * row, or whose shift would be longer than the block) is set to zero. Either way the result is feasible (up to
     * rounding: a constraint violated by at most {@link #ROUNDING_RTOL} {@code ||x_k|| ||b||} counts as met, so a
     * block already in its cone is returned unchanged), so its objective is an upper bound on the cone optimum over
     * these patterns.
     */
    public ConvexReluWeights repair(ConvexReluWeights weights) {
        return repair(weights, PROJECTION_ITERATIONS);
    }

    /**
     * {@link #repair(ConvexReluWeights)} with {@code iterations} ({@code >= 0}) NNLS iterations for the blocks too far
     * from their cone for the exact projection (0: those go straight to the generator step).
     */
    public ConvexReluWeights repair(ConvexReluWeights weights, int iterations) {
        requireFits(weights);
        if (gated) {
            return weights;
        }
        List<Integer> violating = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        int p = patterns.count();
        double[] rowNorms = ConeProjection.rowNorms(problem.featuresView());
        double[] blockNorms = weights.blockNorms();
        operator.forEachProductChunk(weights.blocksView(), (from, to, z) -> {
            int c = to - from;
            for (int j = from; j < to; j++) {
                int count = 0;
                for (int k = 0; k < problem.samples(); k++) {
                    double t = z.data[k * c + j - from];
                    if ((operator.active(k, j < p ? j : j - p) ? t : -t) < roundingFloor(blockNorms[j], rowNorms[k])) {
                        count++;
                    }
                }
                if (count > 0) {
                    violating.add(j);
                    counts.add(count);
                }
            }
        });
        if (violating.isEmpty()) {
            return weights;
        }
        DMatrixRMaj out = weights.blocks();
        int d = problem.featureCount();
        int n = problem.samples();
        // Blocks that violate few constraints (a converging iterate) are projected exactly; the others, by a few
        // batched NNLS iterations (an exact projection there would cost an active set of up to d' constraints).
        List<Integer> approximate = new ArrayList<>();
        List<Integer> exact = new ArrayList<>();
        int exactLimit = Math.max(d, EXACT_PROJECTION_MIN);
        for (int c = 0; c < violating.size(); c++) {
            int j = violating.get(c);
            if (counts.get(c) <= exactLimit) {
                exact.add(j);
            } else if (iterations > 0) {
                approximate.add(j);
            }
        }
        if (!exact.isEmpty()) {
            int[] exactPatterns = new int[exact.size()];
            DMatrixRMaj starts = new DMatrixRMaj(d, exact.size());
            for (int c = 0; c < exact.size(); c++) {
                int j = exact.get(c);
                exactPatterns[c] = j < p ? j : j - p;
                for (int r = 0; r < d; r++) {
                    starts.data[r * exact.size() + c] = out.data[r * out.numCols + j];
                }
            }
            DMatrixRMaj projected = ConeProjection.projectAll(operator, exactPatterns, starts, PROJECTION_ROUNDS,
                    2 * exactLimit, rowNorms);
            for (int c = 0; c < exact.size(); c++) {
                int j = exact.get(c);
                for (int r = 0; r < d; r++) {
                    out.data[r * out.numCols + j] = projected.data[r * exact.size() + c];
                }
            }
        }
        double lipschitz = approximate.isEmpty() ? 1 : 1.1 * operator.featureNormSquaredEstimate(60, 17L);
        int width = Math.max(1, PatternOperator.chunkWidth(n, approximate.size()) / 4);
        for (int from = 0; from < approximate.size(); from += width) {
            int c = Math.min(width, approximate.size() - from);
            int[] blocks = new int[c];
            DMatrixRMaj offsets = new DMatrixRMaj(d, c);
            for (int j = 0; j < c; j++) {
                blocks[j] = approximate.get(from + j);
                for (int r = 0; r < d; r++) {
                    offsets.data[r * c + j] = out.data[r * out.numCols + blocks[j]];
                }
            }
            DMatrixRMaj projected = ConeNnls.minimize(operator, blocks, offsets, new DMatrixRMaj(n, c),
                    iterations, Double.NEGATIVE_INFINITY, Math.max(lipschitz, 1e-300));
            for (int j = 0; j < c; j++) {
                for (int r = 0; r < d; r++) {
                    out.data[r * out.numCols + blocks[j]] = projected.data[r * c + j];
                }
            }
        }
        return shiftAlongGenerators(ConvexReluWeights.ofBlocks(out, false), rowNorms);
    }

    /**
     * The lowest signed margin that still counts as met, for a block of norm {@code blockNorm} and a sample of norm
     * {@code rowNorm}: {@code -}{@link #ROUNDING_RTOL}{@code  blockNorm rowNorm} (one rule for both steps of
     * {@link #repair}).
     */
    private static double roundingFloor(double blockNorm, double rowNorm) {
        return -ROUNDING_RTOL * blockNorm * rowNorm;
    }

    /** The generator step of {@link #repair} (violations within {@link #ROUNDING_RTOL} left alone). */
    private ConvexReluWeights shiftAlongGenerators(ConvexReluWeights weights, double[] rowNorms) {
        int p = patterns.count();
        int n = problem.samples();
        int d = problem.featureCount();
        DMatrixRMaj x = problem.featuresView();
        DMatrixRMaj out = weights.blocks();
        double[] blockNorms = weights.blockNorms();
        boolean[] changed = {false};
        operator.forEachProductChunk(weights.blocksView(), (from, to, z) -> {
            int c = to - from;
            for (int j = from; j < to; j++) {
                int i = j < p ? j : j - p;
                double[] g = patterns.generator(i);
                double t = 0;
                boolean fixable = true;
                for (int k = 0; k < n && fixable; k++) {
                    double signed = operator.active(k, i) ? z.data[k * c + j - from] : -z.data[k * c + j - from];
                    if (signed >= roundingFloor(blockNorms[j], rowNorms[k])) {
                        continue;
                    }
                    double margin = 0;
                    if (g != null) {
                        for (int r = 0; r < d; r++) {
                            margin += x.data[k * d + r] * g[r];
                        }
                        margin = operator.active(k, i) ? margin : -margin;
                    }
                    fixable = margin > 0;
                    t = Math.max(t, -signed / margin);
                }
                if (fixable && t > 0) {
                    // A shift longer than the block itself costs more than dropping the block: drop it instead.
                    double gn = 0;
                    double bn = 0;
                    for (int r = 0; r < d; r++) {
                        gn += g[r] * g[r];
                        bn += out.data[r * out.numCols + j] * out.data[r * out.numCols + j];
                    }
                    fixable = t * Math.sqrt(gn) <= Math.sqrt(bn);
                }
                if (t > 0 || !fixable) {
                    changed[0] = true;
                    double step = t * (1 + 1e-12);
                    for (int r = 0; r < d; r++) {
                        out.data[r * out.numCols + j] = fixable ? out.data[r * out.numCols + j] + step * g[r] : 0;
                    }
                }
            }
        });
        return changed[0] ? ConvexReluWeights.ofBlocks(out, false) : weights;
    }
}
