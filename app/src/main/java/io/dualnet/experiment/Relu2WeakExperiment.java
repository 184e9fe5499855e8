package io.dualnet.experiment;

import io.dualnet.convex.ActivationPatterns;
import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.PatternSampler;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.duality.Certificate;
import io.dualnet.duality.ReluCertificate;
import io.dualnet.loss.Losses;
import io.dualnet.net.TwoLayerReluProblem;
import io.dualnet.solve.GatedReluSolver;
import io.dualnet.solve.Solution;

import java.util.List;
import java.util.Locale;

/**
 * The gated two-layer ReLU program (paper 002 Appendix A; spec §1.3) under weak regularization, where its optimum
 * nearly interpolates the data and first-order methods crawl: the Schur-complement interior-point route of
 * {@link GatedReluSolver} (primal-dual for the squared loss, continued by the barrier method where rounding stops it)
 * against FISTA alone given the same wall time, both certified by recomputing the certificate
 * from the returned points. Data: two Fashion-MNIST classes (T-shirt vs shirt, standardised) or a planted teacher.
 *
 * <p>Grid {@code relu2-weak}: {@link #grid(List)}, one cell per instance, each computed by {@link #run(Cell)}.
 */
public final class Relu2WeakExperiment {

    private Relu2WeakExperiment() {
    }

    /** The grid of {@code cells}. */
    public static Grid<Cell, Result> grid(List<Cell> cells) {
        return Grid.of("relu2-weak", cells, Relu2WeakExperiment::run, Result.class);
    }
    private static final double TARGET_RTOL = 1e-6;
    private static final int PROBE_ITERATIONS = 20;

    /**
     * One instance.
     *
     * @param fashion Fashion-MNIST (else a planted teacher)
     * @param samples training samples
     * @param dimension input dimension of the planted teacher (ignored for Fashion-MNIST)
     * @param patterns seeded random patterns
     * @param beta weight decay
     * @param seed seed of the data and the patterns
     */
    public record Cell(boolean fashion, int samples, int dimension, int patterns, double beta, long seed)
            implements GridCell {
        private static final long serialVersionUID = 1L;

        /** Stable, filename-safe key. */
        public String key() {
            return String.format(Locale.ROOT, "%s-n%d-d%d-p%d-b%s-s%d", fashion ? "fashion" : "teacher", samples,
                    dimension, patterns, Double.toString(beta).replace('.', 'p').replace('-', 'm'), seed);
        }
    }

    /**
     * The outcome; primal and dual values are recomputed from the returned points.
     *
     * @param cell the cell
     * @param betaMax the smallest {@code beta} with the zero solution ({@code max_i ||X^T D_i y||})
     * @param newtonPrimal interior-point route: objective
     * @param newtonDual its dual bound
     * @param newtonSteps its Newton steps
     * @param newtonSeconds its wall time
     * @param newtonStatus its status
     * @param fistaPrimal FISTA alone, same wall time: objective
     * @param fistaDual its dual bound
     * @param fistaIterations its iterations
     * @param fistaSeconds its wall time
     */
    public record Result(Cell cell, double betaMax, double newtonPrimal, double newtonDual, int newtonSteps,
                         double newtonSeconds, String newtonStatus, double fistaPrimal, double fistaDual,
                         int fistaIterations, double fistaSeconds) {
        /** Relative gap of the interior-point route. */
        public double newtonRelativeGap() {
            return new Certificate(newtonPrimal, newtonDual).relativeGap();
        }

        /** Relative gap of FISTA. */
        public double fistaRelativeGap() {
            return new Certificate(fistaPrimal, fistaDual).relativeGap();
        }
    }

    /** Computes one cell (a pure function of the cell). */
    public static Result run(Cell c) {
        TwoLayerReluProblem problem = Relu2Data.of(c.fashion(), c.samples(), c.dimension(), false, c.seed())
                .problem(Losses.SQUARED, c.beta(), false);
        ActivationPatterns patterns = PatternSampler.gaussian(problem.featuresView(), c.patterns(), c.seed());
        ReluConvexProblem convex = new ReluConvexProblem(problem, patterns, true);
        double betaMax = 0;
        for (double b : ConvexReluWeights.blockNorms(convex.operator().adjoint(problem.yView()))) {
            betaMax = Math.max(betaMax, b);
        }
        GatedReluSolver.Options options = GatedReluSolver.Options.defaults().withRelativeTolerance(TARGET_RTOL)
                .withMaxIterations(100_000).withInteriorPointWork(0);
        Solution<ConvexReluWeights, double[]> newton = new GatedReluSolver(options).solve(convex);
        GatedReluSolver.Options fistaOnly = options.withNewtonSampleLimit(0);
        Solution<ConvexReluWeights, double[]> probe = new GatedReluSolver(fistaOnly
                .withMaxIterations(PROBE_ITERATIONS)).solve(convex);
        int iterations = (int) Math.max(PROBE_ITERATIONS, newton.seconds() / probe.seconds() * PROBE_ITERATIONS);
        Solution<ConvexReluWeights, double[]> fista = new GatedReluSolver(fistaOnly.withMaxIterations(iterations))
                .solve(convex);
        ReluCertificate.Options plain = new ReluCertificate.Options(0);
        ReluCertificate n = ReluCertificate.evaluate(convex, newton.primalPoint(), newton.dualPoint(), null, plain);
        ReluCertificate f = ReluCertificate.evaluate(convex, fista.primalPoint(), fista.dualPoint(), null, plain);
        return new Result(c, betaMax, n.certificate().primal(), n.certificate().dual(), newton.iterations(),
                newton.seconds(), newton.method() + "/" + newton.status().label(), f.certificate().primal(),
                f.certificate().dual(), fista.iterations(), fista.seconds());
    }
}
