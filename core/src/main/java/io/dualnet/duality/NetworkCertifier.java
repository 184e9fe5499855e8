package io.dualnet.duality;

import io.dualnet.convex.ActivationPatterns;
import io.dualnet.convex.ArrangementEnumerator;
import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.PatternSampler;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.convex.ReluNetworkMapping;
import io.dualnet.data.InvalidInputException;
import io.dualnet.net.TwoLayerReluNetwork;
import io.dualnet.net.TwoLayerReluProblem;
import io.dualnet.solve.ConeReluSolver;
import io.dualnet.solve.GatedReluSolver;
import io.dualnet.solve.ReluCuttingPlanes;
import io.dualnet.solve.Solution;
import io.dualnet.solve.SolveListener;

import java.util.Objects;

/**
 * Certifies an arbitrary trained two-layer network (spec §1.3): reports its objective
 * {@code l(f(X), y) + (beta/2)(||U||^2 + ||alpha||^2)} and a lower bound on the optimum, from the convex dual.
 *
 * <p>For a ReLU network the bound comes from the cone problem over the network's own neuron patterns plus every
 * pattern of the arrangement when it is small enough to enumerate (the bound is then {@code exact}: a lower bound on
 * every two-layer ReLU network of any width), else plus seeded Gaussian samples, with cutting planes from the
 * randomized search (the bound is then relative to the patterns searched: {@code sampled}). The convex solve is
 * warm-started from the network itself. For a gated network with fixed gates the training problem <em>is</em> the gated
 * convex problem on its gates, so the bound is exact for those gates. Nothing passed in is modified.
 */
public final class NetworkCertifier {

    /**
     * Options.
     *
     * @param sampledPatterns Gaussian patterns added when the arrangement is not enumerated, {@code >= 0}
     * @param seed sampling seed
     * @param cone options of the cone solver
     * @param gated options of the gated solver
     * @param cuttingPlanes options of the cutting-plane loop (its enumeration limit decides exact vs sampled)
     */
    public record Options(int sampledPatterns, long seed, ConeReluSolver.Options cone, GatedReluSolver.Options gated,
                          ReluCuttingPlanes.Options cuttingPlanes) {
        /** Validates every field. */
        public Options {
            InvalidInputException.requireAtLeast("sampledPatterns", sampledPatterns, 0);
            Objects.requireNonNull(cone, "cone");
            Objects.requireNonNull(gated, "gated");
            Objects.requireNonNull(cuttingPlanes, "cuttingPlanes");
        }

        /** 200 sampled patterns, seed 1, default solvers and cutting planes. */
        public static Options defaults() {
            return new Options(200, 1L, ConeReluSolver.Options.defaults(), GatedReluSolver.Options.defaults(),
                    ReluCuttingPlanes.Options.defaults());
        }
    }

    /**
     * The certificate of one network.
     *
     * @param networkObjective the network's non-convex objective (an upper bound on the optimum)
     * @param lowerBound the certified lower bound (the convex dual value)
     * @param exact whether the bound holds over every pattern (else relative to the patterns searched)
     * @param convex the convex problem over the final patterns
     * @param solution the convex solve (its primal is the best convex objective found)
     */
    public record NetworkCertificate(double networkObjective, double lowerBound, boolean exact,
                                     ReluConvexProblem convex, Solution<ConvexReluWeights, double[]> solution) {
        /** {@code networkObjective - lowerBound}: how far the network may be above the optimum. */
        public double gap() {
            return networkObjective - lowerBound;
        }

        /** {@link #gap()} over {@code max(|objective|, |bound|)}. */
        public double relativeGap() {
            return new Certificate(networkObjective, lowerBound).relativeGap();
        }
    }

    private final Options options;

    /** A certifier with the given options. */
    public NetworkCertifier(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Certifies {@code network} on {@code problem}. */
    public NetworkCertificate certify(TwoLayerReluProblem problem, TwoLayerReluNetwork network) {
        return certify(problem, network, SolveListener.NONE);
    }

    /**
     * {@link #certify(TwoLayerReluProblem, TwoLayerReluNetwork)}, reporting the convex solves' progress to
     * {@code listener}.
     */
    public NetworkCertificate certify(TwoLayerReluProblem problem, TwoLayerReluNetwork network,
                                      SolveListener listener) {
        Objects.requireNonNull(listener, "listener");
        double objective = problem.objective(network);
        ActivationPatterns own = ReluNetworkMapping.patternsOf(problem, network);
        if (network.gated()) {
            ReluConvexProblem convex = new ReluConvexProblem(problem, own, true);
            Solution<ConvexReluWeights, double[]> sol = new GatedReluSolver(options.gated())
                    .solve(convex, ReluNetworkMapping.fromNetwork(convex, network), listener);
            return new NetworkCertificate(objective, sol.dual(), true, convex, sol);
        }
        int limit = options.cuttingPlanes().enumerationLimit();
        boolean enumerable = limit > 0 && ArrangementEnumerator.enumerable(problem.featuresView(), limit);
        ActivationPatterns extra = enumerable ? ArrangementEnumerator.enumerate(problem.featuresView(), limit)
                : options.sampledPatterns() > 0
                ? PatternSampler.gaussian(problem.featuresView(), options.sampledPatterns(), options.seed()) : null;
        // With every cell enumerated the network's own patterns add nothing to the bound, and they are often faces
        // (optimal neurons pass through data points) whose generators are not strictly inside their cones, which the
        // interior-point route needs; so the enumerated cells alone are used and the solve starts cold.
        ActivationPatterns patterns = enumerable ? extra
                : extra == null ? own : own.count() == 0 ? extra : own.union(extra);
        if (patterns.count() == 0) {
            throw new InvalidInputException("sampledPatterns", options.sampledPatterns(),
                    "at least 1 when no neuron of the network is active and the arrangement is not enumerated");
        }
        ReluConvexProblem start = new ReluConvexProblem(problem, patterns, false);
        ConvexReluWeights warm = enumerable || own.count() == 0 ? null : ReluNetworkMapping.fromNetwork(start, network);
        ConeReluSolver solver = new ConeReluSolver(options.cone());
        ReluCuttingPlanes.Result r = new ReluCuttingPlanes(options.cuttingPlanes())
                .solve(problem, patterns, false, warm, (cv, w) -> solver.solve(cv, w, listener));
        return new NetworkCertificate(objective, r.solution().dual(), r.exact(), r.convex(), r.solution());
    }
}
