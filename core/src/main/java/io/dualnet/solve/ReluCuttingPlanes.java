package io.dualnet.solve;

import io.dualnet.convex.ActivationPatterns;
import io.dualnet.convex.ArrangementEnumerator;
import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.data.InvalidInputException;
import io.dualnet.duality.Certificate;
import io.dualnet.duality.CertificateCheck;
import io.dualnet.duality.ReluCertificate;
import io.dualnet.duality.ReluDualBound;
import io.dualnet.duality.ViolatedPatternSearch;
import io.dualnet.net.TwoLayerReluProblem;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Cutting planes over activation patterns for the convex ReLU problems (spec §1.3; Pilanci and Ergen 2020, §4): solve
 * on a pattern set, search for patterns whose dual constraint the solution's {@code lambda} violates, add the most
 * violated ones and re-solve warm-started (new blocks start at zero), until none is found or the round budget ends.
 *
 * <p>When the arrangement is small enough to enumerate, the search checks every pattern and the final dual bound is
 * computed over <em>all</em> patterns: the result is {@link Result#exact() exact}, a certified lower bound on the convex
 * problem with every pattern, i.e. (cone problem, enough neurons) on the ReLU network problem itself. Otherwise the
 * search is randomized ({@link ViolatedPatternSearch#randomized}) and the certificate is relative to the final pattern
 * set ({@code sampled}): a violated pattern the search missed would not be noticed. Nothing passed in is modified.
 */
public final class ReluCuttingPlanes {

    /** A convex solver: {@link GatedReluSolver#solve} or {@link ConeReluSolver#solve}. */
    @FunctionalInterface
    public interface ConvexSolver {
        /** Solves {@code convex} from {@code warm} (or zero when {@code null}). */
        Solution<ConvexReluWeights, double[]> solve(ReluConvexProblem convex, ConvexReluWeights warm);
    }

    /**
     * Options.
     *
     * @param maxRounds re-solves after the first, {@code >= 0}
     * @param patternsPerRound most violated patterns added per round, {@code >= 1}
     * @param enumerationLimit enumerate the arrangement (exact search and certificate) when its cell-count bound is at
     *                         most this; {@code 0} never enumerates
     * @param violationTolerance relative excess over {@code beta} that counts as a violation, {@code >= 0}
     * @param relativeTolerance gap below which the final status is {@link Status#OPTIMAL}, {@code > 0}
     * @param search options of the randomized search
     * @param certificate options of the dual bounds
     */
    public record Options(int maxRounds, int patternsPerRound, int enumerationLimit, double violationTolerance,
                          double relativeTolerance, ViolatedPatternSearch.Options search,
                          ReluCertificate.Options certificate) {
        /** Validates every field. */
        public Options {
            InvalidInputException.requireAtLeast("maxRounds", maxRounds, 0);
            InvalidInputException.requireAtLeast("patternsPerRound", patternsPerRound, 1);
            InvalidInputException.requireAtLeast("enumerationLimit", enumerationLimit, 0);
            InvalidInputException.requireNonNegative("violationTolerance", violationTolerance);
            InvalidInputException.requirePositive("relativeTolerance", relativeTolerance);
            Objects.requireNonNull(search, "search");
            Objects.requireNonNull(certificate, "certificate");
        }

        /** 20 rounds of up to 16 patterns, enumeration up to 20000 cells, violation {@code 1e-9}, gap {@code 1e-6}. */
        public static Options defaults() {
            return new Options(20, 16, ArrangementEnumerator.DEFAULT_LIMIT, 1e-9, 1e-6,
                    ViolatedPatternSearch.Options.defaults(), ReluCertificate.Options.defaults());
        }

        /** These options with another round budget, gap target and search seed. */
        public Options with(int rounds, double tolerance, long searchSeed) {
            return new Options(rounds, patternsPerRound, enumerationLimit, violationTolerance, tolerance,
                    search.withSeed(searchSeed), certificate);
        }
    }

    /**
     * The outcome.
     *
     * @param solution the last solve; its certificate is the final one (over all patterns when {@link #exact})
     * @param convex the convex problem over the final pattern set
     * @param exact whether the certificate holds over every pattern of the arrangement (else relative to
     *              {@code convex.patterns()}, "sampled")
     * @param rounds re-solves performed
     * @param patternsAdded patterns added by the search
     */
    public record Result(Solution<ConvexReluWeights, double[]> solution, ReluConvexProblem convex, boolean exact,
                         int rounds, int patternsAdded) {
        /** {@code "exact"} or {@code "sampled"}, for reports. */
        public String scope() {
            return exact ? "exact" : "sampled";
        }
    }

    private final Options options;

    /** A driver with the given options. */
    public ReluCuttingPlanes(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Runs the cutting-plane loop.
     *
     * @param problem the two-layer problem
     * @param initial the starting patterns (at least one)
     * @param gated the gated relaxation or the cone problem
     * @param warm warm start on {@code initial}, or {@code null}
     * @param solver the convex solver matching {@code gated}
     */
    public Result solve(TwoLayerReluProblem problem, ActivationPatterns initial, boolean gated,
                        ConvexReluWeights warm, ConvexSolver solver) {
        long start = System.nanoTime();
        ReluConvexProblem convex = new ReluConvexProblem(problem, initial, gated);
        ActivationPatterns all = options.enumerationLimit() > 0
                && ArrangementEnumerator.enumerable(problem.featuresView(), options.enumerationLimit())
                ? ArrangementEnumerator.enumerate(problem.featuresView(), options.enumerationLimit()) : null;
        Solution<ConvexReluWeights, double[]> sol = solver.solve(convex, warm);
        int rounds = 0;
        int added = 0;
        int iterations = sol.iterations();
        while (true) {
            ViolatedPatternSearch.Result found = all != null
                    ? ViolatedPatternSearch.exact(problem.featuresView(), all, gated, sol.dualPoint(), problem.beta(),
                    problem.loss(), problem.yView(), options.violationTolerance(), options.patternsPerRound(),
                    options.certificate())
                    : ViolatedPatternSearch.randomized(problem.featuresView(), gated, sol.dualPoint(), problem.beta(),
                    options.violationTolerance(), options.patternsPerRound(), options.search());
            ActivationPatterns grown = convex.patterns().union(found.patterns());
            if (!found.violated() || grown.count() == convex.patterns().count() || rounds >= options.maxRounds()) {
                break;
            }
            added += grown.count() - convex.patterns().count();
            ConvexReluWeights next = sol.primalPoint().extendedTo(grown.count());
            convex = convex.withPatterns(grown);
            sol = solver.solve(convex, next);
            iterations += sol.iterations();
            rounds++;
        }
        if (all == null) {
            return new Result(sol, convex, false, rounds, added);
        }
        ReluDualBound full = ReluCertificate.dualBound(problem.featuresView(), all, gated, sol.dualPoint(),
                problem.beta(), problem.loss(), problem.yView(), null, options.certificate());
        Certificate certificate = new Certificate(sol.primal(), full.value());
        Map<String, Double> residuals = new LinkedHashMap<>(sol.residuals());
        residuals.put("dual_scaling", full.scaling());
        residuals.put("relative_gap", certificate.relativeGap());
        residuals.put("patterns_checked", (double) all.count());
        Status status = CertificateCheck.status(certificate, options.relativeTolerance(),
                sol.status() == Status.OPTIMAL ? Status.STALLED : sol.status());
        Solution<ConvexReluWeights, double[]> exact = new Solution<>(sol.primalPoint(), full.feasibleLambda(),
                certificate, residuals, iterations, status, sol.method() + "+cutting-planes",
                (System.nanoTime() - start) * 1e-9);
        return new Result(exact, convex, true, rounds, added);
    }
}
