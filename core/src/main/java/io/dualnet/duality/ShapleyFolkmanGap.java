package io.dualnet.duality;

import io.dualnet.data.InvalidInputException;
import io.dualnet.landscape.BranchProfile;
import io.dualnet.landscape.LatticeSearch;
import io.dualnet.landscape.LowerHull;
import io.dualnet.landscape.MultistartSearch;
import io.dualnet.landscape.ValueFunction;
import io.dualnet.landscape.WeightEnvelope;
import io.dualnet.net.BranchArchitecture;
import io.dualnet.net.MlpBranch;
import io.dualnet.net.MultibranchGapProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The exact duality gap of a multi-branch network (Zhang, Shao, Salakhutdinov, Theorem 1 and its proof in Appendix
 * B): for problem (2) under Assumption 1, on an empirical distribution, with branches of a few parameters.
 *
 * <p>Under Assumption 1 the objective separates into per-branch terms {@code g_i(w) = E[1 - y f_i(w; x)/tau]}, so
 * everything follows from each branch type's value function {@code phi(c) = min {g(w) : h(w) <= c}}, computed once
 * per type by a global search over its box ({@link LatticeSearch}: exhaustive and certified; or
 * {@link MultistartSearch} when the lattice is too large, with the reason reported) and reused for every
 * {@code lambda}, budget and {@code I}:
 * <ul>
 *   <li>{@code sup(D) = max_lambda Q(lambda) - lambda K} is the fractional knapsack over the convex envelopes
 *       {@code phi**} ({@link AllocationRelaxation});</li>
 *   <li>{@code inf(P)} for {@code I} branches is the exact integer allocation ({@link BudgetAllocation});</li>
 *   <li>{@code rho_i = sup (phi_i - phi_i**)} and the paper's {@code Delta_i = sup_w (f^_i - f~_i)}
 *       ({@link WeightEnvelope}), {@code Delta_worst = max Delta_i}.</li>
 * </ul>
 * Exactness: all values are exact (to rounding) for the problem restricted to the candidate weights (the lattice).
 * For the continuous problem on the boxes, the lattice search also gives certified lower value functions, from which
 * {@link GapResult#continuousGapLower()} and {@link GapResult#continuousGapUpper()} bracket the true gap (the bracket
 * width is of the order of the lattice spacing).
 *
 * <p>Construction does the expensive per-branch work; {@link #at(int)} is cheap (independent of {@code I}) and
 * thread-safe.
 */
public final class ShapleyFolkmanGap {

    /** How to minimize each branch globally. */
    public enum Method {
        /** The lattice when it has at most {@code maxLatticePoints} points, else the restarts. */
        AUTO,
        /** Always the exhaustive lattice (bad input when too large). */
        LATTICE,
        /** Always the restarts. */
        MULTISTART
    }

    /**
     * Options, validated on construction.
     *
     * @param method the global search
     * @param resolution lattice points per half axis {@code M >= 1} (spacing {@code R / M}; also the budget unit of
     *     the restarts)
     * @param threads worker threads, {@code >= 1}
     * @param certify whether to compute certified lower value functions (lattice only)
     * @param divergence whether to compute the paper's {@code Delta_i}
     * @param divergenceTolerance accuracy of each envelope evaluation, {@code > 0}
     * @param restarts restarts per multiplier of the restart method, {@code >= 1}
     * @param seed seed of the restart method
     * @param maxLatticePoints largest lattice of {@link Method#AUTO}, {@code >= 1}
     * @param keepOutputs whether to keep every candidate's outputs (for {@link HingeGapBounds})
     */
    public record Options(Method method, int resolution, int threads, boolean certify, boolean divergence,
                          double divergenceTolerance, int restarts, long seed, long maxLatticePoints,
                          boolean keepOutputs) {
        /** Validates every field. */
        public Options {
            if (method == null) {
                throw new InvalidInputException("method", null, "one of auto, lattice, multistart");
            }
            InvalidInputException.requireAtLeast("resolution", resolution, 1);
            InvalidInputException.requireAtLeast("threads", threads, 1);
            InvalidInputException.requirePositive("divergenceTolerance", divergenceTolerance);
            InvalidInputException.requireAtLeast("restarts", restarts, 1);
            if (maxLatticePoints < 1) {
                throw new InvalidInputException("maxLatticePoints", maxLatticePoints, "an integer >= 1");
            }
        }

        /** Auto method, M = 30, all cores, certified, Delta to 1e-9, 16 restarts, seed 1, default lattice limit. */
        public static Options defaults() {
            return new Options(Method.AUTO, 30, Runtime.getRuntime().availableProcessors(), true, true, 1e-9, 16, 1,
                    LatticeSearch.Options.DEFAULT_MAX_POINTS, false);
        }

        public Options withMethod(Method v) {
            return new Options(v, resolution, threads, certify, divergence, divergenceTolerance, restarts, seed,
                    maxLatticePoints, keepOutputs);
        }

        public Options withResolution(int v) {
            return new Options(method, v, threads, certify, divergence, divergenceTolerance, restarts, seed,
                    maxLatticePoints, keepOutputs);
        }

        public Options withThreads(int v) {
            return new Options(method, resolution, v, certify, divergence, divergenceTolerance, restarts, seed,
                    maxLatticePoints, keepOutputs);
        }

        public Options withCertify(boolean v) {
            return new Options(method, resolution, threads, v, divergence, divergenceTolerance, restarts, seed,
                    maxLatticePoints, keepOutputs);
        }

        public Options withDivergence(boolean v) {
            return new Options(method, resolution, threads, certify, v, divergenceTolerance, restarts, seed,
                    maxLatticePoints, keepOutputs);
        }

        public Options withRestarts(int v, long newSeed) {
            return new Options(method, resolution, threads, certify, divergence, divergenceTolerance, v, newSeed,
                    maxLatticePoints, keepOutputs);
        }

        public Options withMaxLatticePoints(long v) {
            return new Options(method, resolution, threads, certify, divergence, divergenceTolerance, restarts, seed,
                    v, keepOutputs);
        }

        public Options withKeepOutputs(boolean v) {
            return new Options(method, resolution, threads, certify, divergence, divergenceTolerance, restarts, seed,
                    maxLatticePoints, v);
        }
    }

    private final MultibranchGapProblem problem;
    private final List<BranchProfile> profiles;
    private final List<BranchSummary> summaries;
    private final BudgetAllocation upper;
    private final BudgetAllocation lower;
    private final AssumptionCheck assumption;

    private ShapleyFolkmanGap(MultibranchGapProblem problem, List<BranchProfile> profiles,
            List<BranchSummary> summaries) {
        this.problem = problem;
        this.profiles = List.copyOf(profiles);
        this.summaries = List.copyOf(summaries);
        this.upper = new BudgetAllocation(profiles.stream().map(BranchProfile::upper).toList());
        boolean certified = profiles.stream().allMatch(BranchProfile::certified);
        this.lower = certified ? new BudgetAllocation(profiles.stream().map(BranchProfile::lower).toList(), 0) : null;
        double grid = Double.NEGATIVE_INFINITY;
        double cert = Double.NEGATIVE_INFINITY;
        for (BranchProfile p : profiles) {
            grid = Math.max(grid, p.gridMaxMargin());
            cert = certified ? Math.max(cert, p.certifiedMaxMargin()) : Double.NaN;
        }
        this.assumption = AssumptionCheck.of(problem.tau(), grid, cert);
    }

    /** Runs the per-branch global searches (and {@code Delta_i}) for every branch type of {@code problem}. */
    public static ShapleyFolkmanGap of(MultibranchGapProblem problem, Options options) {
        List<BranchProfile> profiles = new ArrayList<>();
        List<BranchSummary> summaries = new ArrayList<>();
        for (BranchArchitecture type : problem.types()) {
            long start = System.nanoTime();
            int p = new MlpBranch(type).parameterCount();
            long points = LatticeSearch.points(p, options.resolution());
            boolean lattice = options.method() == Method.LATTICE
                    || options.method() == Method.AUTO && points <= options.maxLatticePoints();
            String fallback = null;
            BranchProfile profile;
            if (lattice) {
                profile = LatticeSearch.search(problem, type, new LatticeSearch.Options(options.resolution(),
                        options.threads(), options.certify(), options.keepOutputs(), options.maxLatticePoints()));
            } else {
                if (options.method() == Method.AUTO) {
                    fallback = String.format(Locale.ROOT, "p = %d parameters: an exhaustive lattice would have "
                            + "(2M+1)^p = %s points (limit %d), so global minimization is not exact; using the "
                            + "restart method %s", p, points == Long.MAX_VALUE ? "more than 9e18"
                            : String.format(Locale.ROOT, "%.3g", (double) points), options.maxLatticePoints(),
                            MultistartSearch.METHOD);
                }
                double unit = problem.regularizer().unit(problem.boxRadius() / options.resolution());
                profile = MultistartSearch.search(problem, type, new MultistartSearch.Options(24,
                        options.restarts(), 400, 4096, unit, options.seed(), options.threads(),
                        options.keepOutputs()));
            }
            profiles.add(profile);
            summaries.add(summarize(problem, profile, p, fallback, options, start));
        }
        return new ShapleyFolkmanGap(problem, profiles, summaries);
    }

    private static BranchSummary summarize(MultibranchGapProblem problem, BranchProfile profile, int p,
            String fallback, Options options, long start) {
        ValueFunction phi = profile.upper();
        LowerHull hull = phi.hull();
        int step = hull.rhoStep();
        double rhoBudget = step < 0 ? 0 : phi.units(step + 1) * phi.unit();
        double delta = Double.NaN;
        double deltaUpper = Double.NaN;
        double deltaBudget = Double.NaN;
        if (options.divergence()) {
            WeightEnvelope envelope = new WeightEnvelope(profile, problem.regularizer(),
                    options.divergenceTolerance());
            WeightEnvelope.Divergence d = envelope.divergence(phi, options.threads());
            delta = d.lower();
            deltaUpper = d.upper();
            deltaBudget = d.budgetUnits() * phi.unit();
        }
        return new BranchSummary(profile.architecture().spec(), p, profile.method(), profile.resolution(), fallback,
                profile.certified(), profile.evaluated(), phi.size(), hull.size(), hull.rho(), rhoBudget, delta,
                deltaUpper, deltaBudget, profile.gMin(), profile.gAtZero(), profile.gMax(), profile.gridMaxMargin(),
                profile.certifiedMaxMargin(), (System.nanoTime() - start) * 1e-9);
    }

    /** The problem. */
    public MultibranchGapProblem problem() {
        return problem;
    }

    /** The per-type search results (value functions, envelope candidates, margins). */
    public List<BranchProfile> profiles() {
        return profiles;
    }

    /** The per-type summaries ({@code rho_i}, {@code Delta_i}, method, resolution). */
    public List<BranchSummary> branches() {
        return summaries;
    }

    /** Assumption 1 on the data for the problem's {@code tau}. */
    public AssumptionCheck assumption() {
        return assumption;
    }

    /** The exact allocator on the candidate weights (for repeated queries). */
    public BudgetAllocation allocator() {
        return upper;
    }

    /** The gap for {@code branches} branches at the problem's budget. */
    public GapResult at(int branches) {
        return at(branches, problem.budget());
    }

    /** The gap for {@code branches} branches at budget {@code budget}. */
    public GapResult at(int branches, double budget) {
        long start = System.nanoTime();
        int[] counts = problem.counts(branches);
        Allocation a = upper.solve(counts, budget);
        double deltaWorst = Double.NEGATIVE_INFINITY;
        double rhoMax = 0;
        for (int t = 0; t < counts.length; t++) {
            if (counts[t] > 0) {
                deltaWorst = Math.max(deltaWorst, summaries.get(t).delta());
                rhoMax = Math.max(rhoMax, summaries.get(t).rho());
            }
        }
        double primalLower = Double.NaN;
        double dualLower = Double.NaN;
        if (lower != null) {
            Allocation l = lower.solve(counts, budget);
            primalLower = l.lowerBound();
            dualLower = l.dual();
        }
        return new GapResult(branches, counts, budget, a, deltaWorst, rhoMax, primalLower, dualLower,
                (System.nanoTime() - start) * 1e-9);
    }
}
