package io.dualnet.cli;

import io.dualnet.convex.ActivationPatterns;
import io.dualnet.convex.ArrangementEnumerator;
import io.dualnet.convex.PatternSampler;
import io.dualnet.data.InputLimits;
import io.dualnet.data.InvalidInputException;
import io.dualnet.loss.Loss;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Option;

import java.util.Locale;

/**
 * Model and solver options shared by the {@code dualnet relu2} commands: loss, bias, gated relaxation, the pattern set
 * and the solver's tolerance and budget.
 */
public final class ReluModelOptions {

    /** Default number of sampled patterns when the arrangement is too large to enumerate. */
    static final int DEFAULT_SAMPLED_PATTERNS = 1000;

    @Option(names = "--loss", paramLabel = "NAME", defaultValue = "squared",
            description = "Loss: squared (1/2||yhat - y||^2), logistic or hinge (labels +-1), summed over samples "
                    + "(default ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--bias", description = "Give every hidden neuron a bias (a column of ones appended to X, regularized with it).")
    boolean bias;

    @Option(names = "--gated", description = "Solve the gated-ReLU relaxation (no cone constraints) instead of the ReLU network.")
    boolean gated;

    @Option(names = "--patterns", paramLabel = "all|N", defaultValue = "auto",
            description = "Activation patterns: all (every hyperplane-arrangement cell, exact certificate), N (N seeded "
                    + "random patterns, then cutting planes), or auto (all when at most "
                    + ArrangementEnumerator.DEFAULT_LIMIT + " cells, else " + DEFAULT_SAMPLED_PATTERNS
                    + "; default ${DEFAULT-VALUE}).")
    String patterns;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed for pattern sampling, the pattern search and training (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--tolerance", paramLabel = "RTOL", defaultValue = "1e-6",
            description = "Target relative duality gap (default ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--max-iterations", paramLabel = "N", defaultValue = "10000",
            description = "Solver iteration budget per solve (default ${DEFAULT-VALUE}).")
    int maxIterations;

    @Option(names = "--cuts", paramLabel = "ROUNDS", defaultValue = "10",
            description = "Cutting-plane rounds: search all patterns for violated dual constraints, add them, re-solve "
                    + "(0 = none; default ${DEFAULT-VALUE}).")
    int cuts;

    /** The loss named by {@code --loss}. */
    Loss loss() {
        try {
            return Loss.named(loss);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--loss", loss, "one of squared, logistic, hinge");
        }
    }

    /** Validates the numeric options. */
    void validate() {
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new InvalidInputException("--tolerance", tolerance, "a relative gap in (0, 1)");
        }
        InvalidInputException.requireAtLeast("--max-iterations", maxIterations, 1);
        InvalidInputException.requireAtLeast("--cuts", cuts, 0);
    }

    /** Whether {@code --patterns} asks for (or, with auto, allows) every arrangement cell of {@code features}. */
    boolean enumerate(DMatrixRMaj features) {
        String p = patterns.trim().toLowerCase(Locale.ROOT);
        return switch (p) {
            case "all" -> {
                if (!ArrangementEnumerator.enumerable(features, ArrangementEnumerator.DEFAULT_LIMIT)) {
                    throw new InvalidInputException("--patterns", patterns, String.format(Locale.ROOT,
                            "a number of sampled patterns: this data has up to %.3g arrangement cells, more than the "
                                    + "%d that can be enumerated", ArrangementEnumerator.cellCountBound(features),
                            ArrangementEnumerator.DEFAULT_LIMIT));
                }
                yield true;
            }
            case "auto" -> ArrangementEnumerator.enumerable(features, ArrangementEnumerator.DEFAULT_LIMIT);
            default -> false;
        };
    }

    /** The initial pattern set for {@code features}: every arrangement cell, or seeded random patterns. */
    ActivationPatterns initialPatterns(DMatrixRMaj features) {
        if (enumerate(features)) {
            return ArrangementEnumerator.enumerate(features, ArrangementEnumerator.DEFAULT_LIMIT);
        }
        return PatternSampler.gaussian(features, sampledCount(features), seed);
    }

    /** The number of patterns to sample for {@code features}, or 0 when every cell will be enumerated. */
    int sampledCountOrZero(DMatrixRMaj features) {
        return enumerate(features) ? 0 : sampledCount(features);
    }

    /** The number of patterns to sample, checked to fit in memory: gate vectors and one mask per sample each. */
    private int sampledCount(DMatrixRMaj features) {
        int count = sampledCount();
        InputLimits.requireAllocatable("--patterns", null, count + " patterns for " + features.numRows + " samples "
                + "of dimension " + features.numCols, (long) count * (features.numRows + 2L * features.numCols));
        return count;
    }

    private int sampledCount() {
        String p = patterns.trim().toLowerCase(Locale.ROOT);
        if (p.equals("auto")) {
            return DEFAULT_SAMPLED_PATTERNS;
        }
        int count;
        try {
            count = Integer.parseInt(p);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--patterns", patterns, "all, auto or a number of patterns >= 1");
        }
        if (count < 1) {
            throw new InvalidInputException("--patterns", patterns, "all, auto or a number of patterns >= 1");
        }
        return count;
    }
}
