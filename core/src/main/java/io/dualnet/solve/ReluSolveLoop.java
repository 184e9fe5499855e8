package io.dualnet.solve;

import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.PatternOperator;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.duality.CertificateCheck;
import io.dualnet.duality.ReluCertificate;
import org.ejml.data.DMatrixRMaj;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The iteration shared by {@link GatedReluSolver} and {@link ConeReluSolver}: FISTA with restarts on
 * {@link ReluSmoothPart} (step {@code 1/L}, {@code L} from seeded power iterations with a margin), hinge smoothing by
 * continuation, and for the cone problem the augmented-Lagrangian outer loop (multiplier update when the
 * subproblem's dual constraint bound is within {@code beta (1 + eta)}, {@code eta} halving; penalty growth when the
 * violation does not shrink fourfold). Every iteration has a primal value and a valid dual bound at the same point;
 * when their gap meets the tolerance the full certificate is recomputed by {@link ReluCertificate} (after a
 * multiplier update and, for the cone problem, repairing the point into the cone), and only that decides
 * {@link Status#OPTIMAL}. Arguments are not modified.
 */
final class ReluSolveLoop {
    private static final double LIPSCHITZ_MARGIN = 1.0;
    private static final long POWER_SEED = 11L;
    private static final double CONTINUATION_RATIO = 0.1;
    private static final int FIRST_CHECK_INTERVAL = 50;
    private static final int MAX_CHECK_INTERVAL = 1000;
    private static final double STALL_PROGRESS = 0.01;
    private static final int CHEAP_ITERATIONS = 20;
    private static final double PRUNE = 1e-6;
    private static final int INNER_LIMIT = 500;
    private static final int NEWTON_LIMIT = 200;
    private static final int PRIMAL_DUAL_LIMIT = 100;
    /**
     * The cone program's primal-dual route ({@link ConePrimalDual}, squared loss) takes instances up to this multiple
     * of {@link Settings#interiorPointWork()} in its own work per iteration ({@link ConePrimalDual#work}; 1000 times
     * the default: about {@code 2e9} multiply-adds, about a second an iteration; e.g. {@code n = 200}, {@code d = 10},
     * {@code P = 1000} certifies to 2e-10 in 41 iterations).
     */
    private static final double CONE_PRIMAL_DUAL_WORK = 1000;

    /**
     * Internal settings (validated by the solvers' option records).
     *
     * @param maxIterations iteration budget
     * @param relativeTolerance target relative gap
     * @param powerIterations power iterations for the Lipschitz constant
     * @param initialSmoothing hinge smoothing {@code mu_0}
     * @param smoothingDecrease continuation factor in (0, 1)
     * @param penalty cone: initial penalty relative to the loss curvature
     * @param penaltyGrowth cone: penalty growth factor
     * @param stallIterations iterations without a 1% smaller recomputed gap that count as stalled
     * @param certificate options of the recomputed certificate
     * @param interiorPointWork largest {@link ReluInteriorPoint#work} solved by the interior-point method first
     * @param newtonSampleLimit gated: largest {@code n} solved by {@link GatedPrimalDual} (squared loss) or
     *                          {@link GatedInteriorPoint} first; cone with the squared loss: by
     *                          {@link ConeWorkingSet} (0: never)
     * @param listener receives progress reports
     */
    record Settings(int maxIterations, double relativeTolerance, int powerIterations, double initialSmoothing,
                    double smoothingDecrease, double penalty, double penaltyGrowth, int stallIterations,
                    ReluCertificate.Options certificate, double interiorPointWork, int newtonSampleLimit,
                    SolveListener listener) {
    }

    private ReluSolveLoop() {
    }

    /**
     * The entry of {@link GatedReluSolver} and {@link ConeReluSolver}: checks that {@code convex} is the solver's kind
     * ({@code gated}) and runs.
     *
     * @throws io.dualnet.data.InvalidInputException naming {@code convex} when it is the other kind
     */
    static Solution<ConvexReluWeights, double[]> solve(ReluConvexProblem convex, ConvexReluWeights warm, Settings s,
                                                       boolean gated, String method, long leanEntries) {
        java.util.Objects.requireNonNull(s.listener(), "listener");
        if (convex.gated() != gated) {
            throw new io.dualnet.data.InvalidInputException("convex",
                    gated ? "the cone problem" : "the gated problem",
                    gated ? "the gated problem (use ConeReluSolver)" : "the cone problem (use GatedReluSolver)");
        }
        return run(convex, warm, s, method, leanEntries);
    }

    static Solution<ConvexReluWeights, double[]> run(ReluConvexProblem convex, ConvexReluWeights warm, Settings s,
                                                     String method) {
        return run(convex, warm, s, method, ReluSmoothPart.LEAN_ENTRIES);
    }

    /**
     * {@link #run(ReluConvexProblem, ConvexReluWeights, Settings, String)} with the cone layout threshold of
     * {@link ReluSmoothPart#ReluSmoothPart(ReluConvexProblem, SmoothLoss, long)} ({@code 0}: always lean).
     */
    static Solution<ConvexReluWeights, double[]> run(ReluConvexProblem convex, ConvexReluWeights warm, Settings s,
                                                     String method, long leanEntries) {
        long start = System.nanoTime();
        ConvexReluWeights initial = warm == null ? convex.zeros() : warm;
        convex.requireFits(initial);
        // Second-order routes first: for the cone program with the squared loss the primal-dual method, then the
        // structured interior point for small instances, then the working-set ADMM (ConeWorkingSet; n x n systems,
        // up to newtonSampleLimit samples), else the gated primal-dual
        // (squared loss) or barrier method; when their certificate closes they decide, otherwise FISTA continues
        // from their best point.
        Result result = null;
        ReluInteriorPoint.Result ipm = null;
        String ipmMethod = null;
        if (ConePrimalDual.applicable(convex, CONE_PRIMAL_DUAL_WORK * s.interiorPointWork())) {
            ipm = ConePrimalDual.solve(convex, 0.1 * s.relativeTolerance(), PRIMAL_DUAL_LIMIT, s.listener());
            if (ipm != null) {
                result = Result.best(convex, ipm, s.certificate());
                ipmMethod = "cone-primal-dual";
            }
        }
        if (result == null && ReluInteriorPoint.applicable(convex, s.interiorPointWork())) {
            ipm = ReluInteriorPoint.solve(convex, 0.1 * s.relativeTolerance());
            if (ipm != null) {
                result = Result.best(convex, ipm, s.certificate());
                ipmMethod = "interior-point";
            }
        }
        // An interior point that did not close (it starts from its own central point, not from warm, and can stop far
        // off: a fitted 86-neuron network at n = 200, d = 5 certified with gap 0.86 and a convex primal of 60.7 against
        // the network's 0.533, before its start was centered) hands over to the working-set ADMM, from the better of
        // warm and its point.
        boolean closed = result != null
                && result.certificate.certificate().closes(CertificateCheck.ROUNDING_ATOL, s.relativeTolerance());
        if (!closed && ConeWorkingSet.applicable(convex, s.newtonSampleLimit())) {
            ReluInteriorPoint.Result ws = ConeWorkingSet.solve(convex, better(convex, warm, result),
                    s.relativeTolerance(), s.maxIterations(), s.certificate(), s.listener());
            Result admm = ws == null ? null : new Result(ws.weights(), ws.certificate());
            if (admm != null && (result == null || admm.gap() <= result.gap())) {
                // The augmented Lagrangian is no faster at the sizes this route takes (it stalls at gap 1.0 on
                // Fashion-MNIST, docs/benchmarks.md): the route's budget is the whole budget.
                boolean closes = admm.certificate.certificate().closes(CertificateCheck.ROUNDING_ATOL,
                        s.relativeTolerance());
                return admm.toSolution(ws.newtonSteps(), closes ? Status.OPTIMAL : Status.MAX_ITERATIONS,
                        "cone-admm", (System.nanoTime() - start) * 1e-9, null, null);
            }
        }
        if (result == null && GatedPrimalDual.applicable(convex, s.newtonSampleLimit())) {
            ipm = GatedPrimalDual.solve(convex, s.relativeTolerance(), PRIMAL_DUAL_LIMIT, s.listener());
            ipmMethod = "gated-primal-dual";
            double gap = ipm.certificate().certificate().gap();
            if (!ipm.certificate().certificate().closes(CertificateCheck.ROUNDING_ATOL, s.relativeTolerance())
                    && gap > 0 && Double.isFinite(gap)) {
                // Rounding stopped the primal-dual steps first: the barrier method continues from that point.
                ReluInteriorPoint.Result barrier = GatedInteriorPoint.solveFrom(convex, ipm.weights(), gap,
                        s.relativeTolerance(), NEWTON_LIMIT, s.listener());
                if (barrier.gap() < ipm.gap()) {
                    ipm = new ReluInteriorPoint.Result(barrier.weights(), barrier.lambda(), null,
                            ipm.newtonSteps() + barrier.newtonSteps(), barrier.certificate());
                    ipmMethod = "gated-primal-dual+barrier";
                }
            }
            result = new Result(ipm.weights(), ipm.certificate());
        } else if (result == null && GatedInteriorPoint.applicable(convex, s.newtonSampleLimit())) {
            ipm = GatedInteriorPoint.solve(convex, s.relativeTolerance(), NEWTON_LIMIT, s.listener());
            result = new Result(ipm.weights(), ipm.certificate());
            ipmMethod = "gated-interior-point";
        }
        if (result != null) {
            if (result.certificate.certificate().closes(CertificateCheck.ROUNDING_ATOL, s.relativeTolerance())) {
                return result.toSolution(ipm.newtonSteps(), Status.OPTIMAL, ipmMethod,
                        (System.nanoTime() - start) * 1e-9, null, null);
            }
            initial = better(convex, warm, result);
        }
        double beta = convex.beta();
        SmoothLoss loss = new SmoothLoss(convex.loss(), s.initialSmoothing());
        PatternOperator op = convex.operator();
        // Estimated before the smooth part's n x 2P buffers exist: the power iterations' n x P buffer is then free.
        double normA = op.normSquaredEstimate(s.powerIterations(), POWER_SEED) * (convex.gated() ? 1 : 2);
        double normX = op.featureNormSquaredEstimate(s.powerIterations(), POWER_SEED);
        ReluSmoothPart part = new ReluSmoothPart(convex, loss, leanEntries);
        if (!convex.gated()) {
            part.setPenalty(s.penalty() * loss.lipschitz());
        }
        double lipschitz = LIPSCHITZ_MARGIN * (loss.lipschitz() * normA + (convex.gated() ? 0 : part.penalty() * normX));
        GroupFista fista = new GroupFista(part, initial.blocksView(), beta, Math.max(lipschitz, Double.MIN_NORMAL));
        if (!convex.gated() && initial.nonzeroBlocks() > 0) {
            part.initializeMultipliers(s.certificate().refinementIterations(), LIPSCHITZ_MARGIN * 1.1 * normX);
        }
        double eta = 0.1;
        double lastViolation = Double.POSITIVE_INFINITY;
        int lastUpdate = 0;
        int lastCheck = 0;
        int nextCheck = FIRST_CHECK_INTERVAL;
        double progressGap = result == null ? Double.POSITIVE_INFINITY : result.gap();
        int progressIteration = 0;
        double bestDual = Double.NEGATIVE_INFINITY;
        double[] bestLambda = null;
        double bestPrimal = Double.POSITIVE_INFINITY;
        DMatrixRMaj bestPoint = null;
        Status status = Status.MAX_ITERATIONS;
        int it = 0;
        while (true) {
            fista.step(false);
            it++;
            double primal = part.primal();
            double dual = part.dual();
            if (dual > bestDual) {
                bestDual = dual;
                bestLambda = part.lambdaAtExtrapolation();
            }
            if (convex.gated() && primal < bestPrimal) {
                bestPrimal = primal;
                bestPoint = fista.iterate().copy();
            }
            double gap = (convex.gated() ? bestPrimal : primal) - bestDual;
            s.listener().progress(method, it, convex.gated() ? bestPrimal : primal, bestDual);
            double scale = Math.max(Math.abs(primal), Math.abs(dual));
            boolean last = it >= s.maxIterations() || !Double.isFinite(primal);
            boolean promising = gap <= s.relativeTolerance() * scale && it - lastCheck >= FIRST_CHECK_INTERVAL;
            if (last || promising || it >= nextCheck) {
                // Checks recompute the full certificate at the iterate (cone: after a multiplier update, repaired,
                // NNLS-refined bounds); they are spaced so that they cost a bounded fraction of the run.
                lastCheck = it;
                nextCheck = it + Math.min(MAX_CHECK_INTERVAL, Math.max(FIRST_CHECK_INTERVAL, it / 4));
                part.updateMultipliers();
                fista.restart();
                lastUpdate = it;
                // Periodic checks are kept cheap (few NNLS iterations); promising and final ones are thorough.
                boolean thorough = last || promising;
                // Gated: the best point and best dual point so far (their bounds need no multipliers). Cone: the
                // iterate and its own dual point, which match the multipliers just updated there.
                Result r = Result.check(convex, convex.gated() && bestPoint != null ? bestPoint : fista.iterate(),
                        convex.gated() && bestLambda != null ? bestLambda : part.lambdaAtIterate(), part,
                        thorough ? s.certificate() : new ReluCertificate.Options(
                                Math.min(CHEAP_ITERATIONS, s.certificate().refinementIterations())),
                        thorough ? ReluConvexProblem.PROJECTION_ITERATIONS : CHEAP_ITERATIONS);
                if (result == null || !(r.gap() >= result.gap())) {
                    result = r;
                }
                if (r.certificate.certificate().closes(CertificateCheck.ROUNDING_ATOL, s.relativeTolerance())) {
                    status = Status.OPTIMAL;
                    break;
                }
                if (progressGap == Double.POSITIVE_INFINITY
                        || result.gap() < progressGap - STALL_PROGRESS * Math.abs(progressGap)) {
                    progressGap = result.gap();
                    progressIteration = it;
                } else if (it - progressIteration > s.stallIterations()) {
                    status = Status.STALLED;
                    break;
                }
                if (last) {
                    break;
                }
                continue;
            }
            if (loss.smoothed() && part.smoothedPrimal() - part.smoothedDual() <= CONTINUATION_RATIO * gap
                    && gap > s.relativeTolerance() * scale) {
                double old = loss.lipschitz();
                loss.tighten(s.smoothingDecrease());
                if (!convex.gated()) {
                    part.setPenalty(part.penalty() * loss.lipschitz() / old);
                }
                fista.restart();
            }
            if (!convex.gated() && (part.maxBound() <= beta * (1 + eta) || it - lastUpdate >= INNER_LIMIT)) {
                part.updateMultipliers();
                fista.restart();
                lastUpdate = it;
                eta = Math.max(0.5 * eta, 1e-3 * s.relativeTolerance());
                if (part.violation() > 0.25 * lastViolation
                        && part.violation() > 0.1 * s.relativeTolerance() * Math.max(1, Math.abs(primal))) {
                    part.setPenalty(part.penalty() * s.penaltyGrowth());
                }
                lastViolation = part.violation();
            }
        }
        return result.toSolution(it, status, method, (System.nanoTime() - start) * 1e-9, part, loss);
    }

    /**
     * The start for a later route: {@code warm} when its objective is at most the primal of {@code result}'s point (or
     * there is no result), else that point; {@code null} when both are absent.
     */
    private static ConvexReluWeights better(ReluConvexProblem convex, ConvexReluWeights warm, Result result) {
        if (result == null) {
            return warm;
        }
        return warm != null && convex.objective(warm) <= result.certificate.certificate().primal() ? warm
                : result.weights;
    }

    /** A recomputed certificate at one evaluated point. */
    private record Result(ConvexReluWeights weights, ReluCertificate certificate) {
        /** The better certificate of the interior point and of its tiny blocks set to zero (both are feasible). */
        static Result best(ReluConvexProblem convex, ReluInteriorPoint.Result ipm, ReluCertificate.Options options) {
            ConvexReluWeights w = ipm.weights();
            Result full = new Result(w, ReluCertificate.evaluate(convex, w, ipm.lambda(), ipm.multipliers(), options));
            double[] norms = w.blockNorms();
            double max = 0;
            for (double v : norms) {
                max = Math.max(max, v);
            }
            DMatrixRMaj pruned = w.blocks();
            for (int j = 0; j < norms.length; j++) {
                if (norms[j] <= PRUNE * max) {
                    for (int r = 0; r < pruned.numRows; r++) {
                        pruned.data[r * pruned.numCols + j] = 0;
                    }
                }
            }
            ConvexReluWeights pw = ConvexReluWeights.ofBlocks(pruned, convex.gated());
            Result sparse = new Result(pw, ReluCertificate.evaluate(convex, pw, ipm.lambda(), ipm.multipliers(),
                    options));
            return sparse.gap() <= full.gap() ? sparse : full;
        }

        /**
         * The certificate of a point (repaired into the cone) and a dual point, with the current multipliers as the
         * start of the cone bounds' refinement.
         */
        static Result check(ReluConvexProblem convex, DMatrixRMaj point, double[] lambda, ReluSmoothPart part,
                            ReluCertificate.Options options, int projectionIterations) {
            ConvexReluWeights w = convex.repair(ConvexReluWeights.ofBlocks(point, convex.gated()),
                    projectionIterations);
            return new Result(w, ReluCertificate.evaluateWith(convex, w, lambda, part.multipliers(), options));
        }

        double gap() {
            double g = certificate.certificate().gap();
            return Double.isNaN(g) ? Double.POSITIVE_INFINITY : g;
        }

        Solution<ConvexReluWeights, double[]> toSolution(int iterations, Status status, String method,
                                                         double seconds, ReluSmoothPart part, SmoothLoss loss) {
            Map<String, Double> residuals = new LinkedHashMap<>();
            residuals.put("constraint_violation", certificate.constraintViolation());
            residuals.put("dual_scaling", certificate.dual().scaling());
            residuals.put("relative_gap", certificate.certificate().relativeGap());
            residuals.put("nonzero_blocks", (double) weights.nonzeroBlocks());
            if (loss != null && loss.smoothed()) {
                residuals.put("smoothing", loss.smoothing());
            }
            if (part != null && part.multipliers() != null) {
                residuals.put("penalty", part.penalty());
            }
            Status s = CertificateCheck.violatesWeakDuality(certificate.certificate()) ? Status.CERTIFICATE_FAILED
                    : status;
            return new Solution<>(weights, certificate.dual().feasibleLambda(), certificate.certificate(), residuals,
                    iterations, s, method, seconds);
        }
    }
}
