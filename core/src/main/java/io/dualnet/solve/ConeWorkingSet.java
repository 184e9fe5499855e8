package io.dualnet.solve;

import io.dualnet.convex.ConeMultipliers;
import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.duality.ReluCertificate;
import io.dualnet.duality.ReluDualBound;
import io.dualnet.loss.Losses;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.ScratchRetention;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The cone program of the two-layer ReLU network (squared loss; paper 002 Appendix A; spec §1.3) at sizes where no
 * {@code n x K d'} array fits: {@link ConeAdmm} on a working set of patterns, certified over <em>all</em> the
 * problem's patterns, grown by the patterns whose dual constraint is violated (screening: at the {@code beta} where
 * test accuracy is best most blocks are zero at the optimum).
 *
 * <p>Why this is a certificate over all {@code P} patterns. The cone program's dual is
 * {@code max -½||lambda||² + lambda^T y} such that for every block {@code j} some {@code mu_j >= 0} gives
 * {@code ||X^T(+-D_j lambda + (2 D_j - I) mu_j)|| <= beta}. With {@code mu_j = 0} this is the gated constraint
 * {@code ||X^T D_j lambda|| <= beta}, so blocks outside the working set are checked by one GEMM over all patterns (and
 * refined by NNLS only where that bound exceeds {@code beta}); blocks inside take the ADMM multipliers
 * ({@code mu = max(0, -rho2 b)}), refined by NNLS. {@code lambda = y - F u} at the returned point is scaled into the
 * feasible set and the dual objective evaluated: {@link ReluCertificate} recomputes all of it from the returned
 * weights, dual point and multipliers, trusting none of the ADMM's own numbers. The returned weights are the ADMM's
 * sparse iterate {@code v} moved into the cones along the patterns' generators ({@link ReluConvexProblem#repair}), so
 * the primal value is a true upper bound.
 *
 * <p>Loop: without a warm start the zero network is certified first ({@code lambda = y}, cone bounds screened by a few
 * NNLS iterations): that either proves it optimal or gives the first working set, the {@link #INITIAL} patterns most
 * violated there; with one, the warm point (moved into the cones) is certified instead, screened and then refined fully
 * when few blocks stay above {@code beta} ({@link #FULL_REFINEMENT_BLOCKS}), the working set is its nonzero patterns
 * and the most violated others, and the ADMM starts from it ({@link ConeAdmm#startFrom}) and balances each
 * constraint's penalty by its own residuals ({@link ConeAdmm#balanceSeparately}: a trained network's certificate at
 * n = 3000 in 2650 iterations where the summed residuals stopped at the budget of 10000 with the gap at 2.8e-4);
 * ADMM iterates; every {@link #CHECK_EVERY} iterations, once its residual has fallen to {@link #CHECK_DECREASE} of its
 * value at the last certificate (or {@link #CHECK_AT_LEAST_EVERY} iterations have passed, or the last restricted gap
 * was within {@link #NEAR_TARGET} times the round's target), the certificate of the
 * restricted program is computed, from the iterate and from its extrapolation (below), whichever bound is better;
 * when it closes to a fraction of the target (to the target once no pattern outside
 * the set was violated at the last full certificate; to {@link #ROUND_REDUCTION} of the last full gap while that is
 * larger), or the round's budget ends, the certificate over all patterns is
 * computed, and the patterns violated there are added (at most {@code max(}{@link #GROWTH}{@code , W)} a round for
 * {@code W} in the set, the most violated first) and the factorization is redone. Nothing passed in is modified.
 *
 * <p>Extrapolation. The dual point {@code lambda = y - F v}, scaled into the feasible set, is only as close to the
 * optimum as the iterate's prediction, and its value approaches the optimum like the square root of the primal error
 * (the gap's slow tail). In that tail the ADMM converges linearly, so the residuals and the iterates {@code v} kept every
 * {@link #CHECK_EVERY} iterations (the last {@link #EXTRAPOLATION_ITERATES} since the working set or the penalties last
 * changed) are extrapolated to their limits by {@link IterateExtrapolation} (RRE), on the iterate's support. The
 * extrapolated point, moved into the cones, replaces the iterate's when its objective is lower, and the extrapolated
 * residual replaces the dual point when its recomputed bound is higher: both are certified like any other point, so
 * the extrapolation can only tighten the certificate; the ADMM iterates are not changed. At n = 3000, 0.1 beta_max:
 * 1250 iterations instead of 1800 to the same certificate.
 */
final class ConeWorkingSet {
    /** Patterns of the first working set (the most violated at the zero network, or by {@code ||X^T D_i y||}). */
    static final int INITIAL = 16;
    /** Most patterns added per round, unless the working set is larger (then as many as it has). */
    static final int GROWTH = 32;
    /** ADMM iterations between restricted certificates. */
    static final int CHECK_EVERY = 50;
    /**
     * A restricted certificate is computed once the ADMM residual ({@link ConeAdmm#residual}) has fallen to this
     * share of its value at the last one (or the round ends): a certificate (the repair and the NNLS refinement of every
     * block's cone bound) costs tens of ADMM iterations at n = 3000 (at n = 3000, 0.1 beta_max: 121 s instead of 149 s
     * to the same certificate).
     */
    static final double CHECK_DECREASE = 0.5;
    /**
     * A restricted certificate is computed at least every this many iterations, whatever the residual: relative
     * residuals stall where the iterate tends to zero (at n = 12000, when the zero network was optimal on the first
     * working set, the restricted gap sat at 3.9e-5 for 600 iterations without a check).
     */
    static final int CHECK_AT_LEAST_EVERY = 200;
    /**
     * Once the restricted gap is within this factor of the round's target, the next check is {@link #CHECK_EVERY}
     * iterations later whatever the residual: the extrapolated certificates close faster than the ADMM residual falls
     * (at n = 12000 the second round was at 5.6e-5 against a target of 3e-5 at iteration 1550, and the residual rule
     * put the next check at 1700, where the gap was 8.3e-6).
     */
    static final double NEAR_TARGET = 3;
    /** Most ADMM iterations of one round before the full certificate. */
    static final int ROUND_ITERATIONS = 1000;
    /**
     * The restricted certificate must close to this fraction of the target before the full one is computed, while the
     * last full certificate still found violated patterns outside the working set (afterwards, to the target itself:
     * the full certificate then adds only refinement, and the iterations from the target to 0.3 of it are a large part
     * of the slow tail).
     */
    static final double INNER_FRACTION = 0.3;
    /**
     * While patterns outside the working set are violated, a round also ends once the restricted gap is below this
     * share of the last full certificate's gap (the warm or zero start's for the first round): the restricted optimum
     * need be no closer than the working set is to the full one. At n = 3000, 3e-3 beta_max (a network trained at 0.1
     * beta_max as the warm start, 216 patterns) the first round ended at iteration 400 instead of 1000 (restricted gap
     * 9.1e-2, full 0.93 before it) and the working set had 192 patterns at iteration 750 where it had 96 at 2000. On
     * the 30-sample test instance with 40 patterns a cold start's gap after 1000, 2000 and 3000 iterations fell from
     * 0.79, 4.8e-2 and 5.7e-4 to 2.8e-2, 3.1e-3 and 2.6e-4. Near the optimum the full gap is small and
     * {@link #INNER_FRACTION} rules as before.
     */
    static final double ROUND_REDUCTION = 0.1;
    /**
     * NNLS iterations per full certificate of a round (the kept multipliers carry the refinement over to the next
     * round; the last certificate of the budget uses the caller's full count).
     */
    static final int SCREENING = 40;
    /**
     * NNLS projection iterations of the repair at every check for blocks that violate more than {@code d'} of their
     * constraints (those nearer their cone are projected exactly): none, such a block of an ADMM iterate is noise that
     * the generator step shifts or drops (20 iterations cost half of each check at n = 3000 and changed no result).
     */
    static final int REPAIR_ITERATIONS = 0;
    /**
     * A warm point's certificate, screened first, is refined fully (the caller's NNLS count, warm-started from the
     * screening) only when at most this many blocks are still above {@code beta}, as many as a round can add at its
     * start. The refinement costs about two GEMMs {@code n x d'} per block and iteration: at n = 12000, 3e-3 beta_max,
     * a trained network's first certificate took 380 s with it (against about 30 s of set-up at 0.1 beta_max) and
     * still left a relative gap of 0.79. Near an optimum few blocks are above {@code beta} and it is kept: a warm start
     * at an optimum with {@code n d'} above the active-set limit was proven at once with it and took 100 iterations
     * without it.
     */
    static final int FULL_REFINEMENT_BLOCKS = 2 * GROWTH;
    /** NNLS iterations refining the restricted certificate's cone bounds. */
    static final int CHEAP_REFINEMENT = 20;
    /** Iterates (one every {@link #CHECK_EVERY} iterations) extrapolated into candidate points at every check. */
    static final int EXTRAPOLATION_ITERATES = 5;
    /**
     * The extrapolated candidates are computed once the restricted gap at the last check is at most this: before, the
     * ADMM is not yet in its linear tail and they were not better (at n = 12000, 0.1 beta_max, none was chosen at the
     * checks that followed gaps of 2.8e-1, 6.3e-2 and 2.4e-2; the first chosen followed a gap of 4.9e-3 in the first
     * round and 1.9e-2 in the second), while each costs a repair and a certificate (at n = 12000, 5-8 s on a machine
     * where 100 iterations took 70 s).
     */
    static final double EXTRAPOLATE_BELOW = 3e-2;
    /** Relative excess over {@code beta} counted as a violated pattern. */
    static final double VIOLATION = 1e-9;
    /** Share of the heap limit the route may take. */
    static final double MEMORY_FRACTION = 0.75;
    /** Penalty of {@code G u = s} relative to the loss curvature (1 for the squared loss). */
    static final double RHO_CONSTRAINT = 1.0;
    /**
     * Penalty of {@code u = v} relative to the mean eigenvalue of {@code X^T X} (tuned on Fashion-MNIST subsets:
     * 0.1 closed a 300-sample instance to 1.1e-4 in 1000 iterations, 1 and 0.01 were slower, and
     * {@code rho2 = 0.1} stalled near 0.27).
     */
    static final double RHO_COPY = 0.1;
    /** Residual ratio that triggers a penalty change (checked every {@link #CHECK_EVERY} iterations). */
    static final double BALANCE_RATIO = 10;
    /** A penalty change (a new factorization) waits until the iterations since the last one took this many times as long. */
    static final double BALANCE_AMORTIZATION = 3;
    /** Factor of a penalty change. */
    static final double BALANCE_FACTOR = 2;
    /** Over-relaxation. */
    static final double ALPHA = 1.6;

    private ConeWorkingSet() {
    }

    /**
     * Whether the route applies: the cone program with the squared loss, generators for every pattern, at most
     * {@code sampleLimit} samples and the two {@code n x n} arrays within {@link #MEMORY_FRACTION} of the heap.
     */
    static boolean applicable(ReluConvexProblem convex, int sampleLimit) {
        int n = convex.problem().samples();
        return !convex.gated() && convex.loss() == Losses.SQUARED && convex.patterns().hasGenerators()
                && n <= sampleLimit && patternRoom(n, convex.problem().featureCount(), convex.patterns().count(),
                Runtime.getRuntime().maxMemory()) >= Math.min(4 * INITIAL, convex.patterns().count());
    }

    /**
     * The most working-set patterns (at most {@code p}) whose ADMM arrays ({@link ConeAdmm#bytes}), beside the kept
     * and the best multiplier tables ({@code n x 2P} each), fit in {@link #MEMORY_FRACTION} of {@code heapBytes}; 0 when
     * not even the {@code n x n} arrays do. The working set never grows beyond it: at n = 12000, d = 784, P = 1016 and
     * a 4 GiB heap about 180 patterns (2 MB each beside 2.5 GB of {@code n x n} arrays), fewer than a 3e-3 beta_max
     * optimum may need; the certificate then stays open and says so.
     */
    static int patternRoom(int n, int d, int p, double heapBytes) {
        double budget = MEMORY_FRACTION * heapBytes - 2 * 8.0 * n * 2 * p;
        if (ConeAdmm.bytes(n, d, 0) > budget) {
            return 0;
        }
        int lo = 0;
        int hi = p;
        while (lo < hi) {
            int mid = lo + (hi - lo + 1) / 2;
            if (ConeAdmm.bytes(n, d, mid) <= budget) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * Solves until the certificate over all patterns closes to {@code rtol} or {@code maxIterations} ADMM iterations
     * are spent; returns the best primal point with the best dual point ({@link SeparateBounds}; {@code null} when
     * the first system does not factor, or the warm point's own patterns do not fit in the heap,
     * {@link #patternRoom}).
     */
    static ReluInteriorPoint.Result solve(ReluConvexProblem convex, ConvexReluWeights warm, double rtol,
                                          int maxIterations, ReluCertificate.Options options,
                                          SolveListener listener) {
        int room = patternRoom(convex.problem().samples(), convex.problem().featureCount(),
                convex.patterns().count(), Runtime.getRuntime().maxMemory());
        return solve(convex, warm, rtol, maxIterations, options, listener, true, room);
    }

    /**
     * {@link #solve(ReluConvexProblem, ConvexReluWeights, double, int, ReluCertificate.Options, SolveListener)}, with
     * the extrapolated candidates at every check ({@code extrapolate}) or without them (the route before they were
     * added, kept for the test that measures what they buy), and at most {@code room} patterns in the working set
     * ({@link #patternRoom} of the heap; smaller in tests). At that limit, once the restricted program has closed to
     * its round's target while patterns outside are still violated, nothing more can be gained: the best certificate
     * is returned, open, before the budget ends.
     */
    static ReluInteriorPoint.Result solve(ReluConvexProblem convex, ConvexReluWeights warm, double rtol,
                                          int maxIterations, ReluCertificate.Options options,
                                          SolveListener listener, boolean extrapolate, int room) {
        // Every penalty change and new working set refactors the n x n system: its native buffer is kept meanwhile.
        try (ScratchRetention retained = Linalg.get().retainScratch()) {
            return run(convex, warm, rtol, maxIterations, options, listener, extrapolate, room);
        }
    }

    private static ReluInteriorPoint.Result run(ReluConvexProblem convex, ConvexReluWeights warm, double rtol,
                                                int maxIterations, ReluCertificate.Options options,
                                                SolveListener listener, boolean extrapolate, int room) {
        DMatrixRMaj x = convex.problem().featuresView();
        double rho2 = RHO_CONSTRAINT;
        double rho1 = copyPenalty(x);
        SeparateBounds best = new SeparateBounds();
        // One multiplier table across rounds: every full certificate starts its NNLS refinement where the last one
        // left off (the dual point moves little between rounds), instead of from zero outside the working set.
        int p = convex.patterns().count();
        DMatrixRMaj kept = new DMatrixRMaj(x.numRows, 2 * p);
        ReluCertificate.Options screening = new ReluCertificate.Options(
                Math.min(SCREENING, options.refinementIterations()));
        // The zero network, or the warm point (the previous solve of a cutting-plane round or of a regularization
        // path, moved into the cones), is certified first: that either proves it optimal or names the violated
        // patterns. At the zero network (lambda = y) it proves optimality whenever beta is at least the cone
        // program's own beta_max, which can be far below the gated max_i ||X^T D_i y||, and its screened cone bounds
        // rank the patterns better than the gated ones; a warm point's certificate is then refined fully, once, since
        // it may already be the answer (a path step that changes nothing, a round that adds no useful pattern), unless
        // so many blocks stay above beta after the screening that it is not (FULL_REFINEMENT_BLOCKS).
        boolean warmStart = warm != null && warm.nonzeroBlocks() > 0;
        ConvexReluWeights start = warmStart ? convex.repair(warm, REPAIR_ITERATIONS) : convex.zeros();
        double[] startLambda = residual(convex, start);
        ReluCertificate first = ReluCertificate.evaluateWith(convex, start, startLambda,
                ConeMultipliers.updating(kept), screening);
        if (warmStart && options.refinementIterations() > screening.refinementIterations()
                && first.dual().violated(convex.beta(), VIOLATION).length <= FULL_REFINEMENT_BLOCKS) {
            first = ReluCertificate.evaluateWith(convex, start, startLambda, ConeMultipliers.updating(kept), options);
        }
        best.offer(new ReluInteriorPoint.Result(start, startLambda, null, 0, first), kept);
        listener.progress("cone-admm", 0, first.certificate().primal(), first.certificate().dual());
        if (best.closes(rtol)) {
            return best.best();
        }
        // The first working set: the start's nonzero patterns and the most violated others.
        int[] nonzero = nonzeroPatterns(start);
        List<Integer> violatedAtStart = violated(nonzero, first.dual(), convex);
        if (nonzero.length > room) {
            return null;
        }
        int[] set = grow(nonzero, violatedAtStart,
                Math.min(warmStart ? Math.max(GROWTH, nonzero.length) : INITIAL, room - nonzero.length));
        boolean settled = violatedAtStart.isEmpty();
        if (set.length == 0) {
            set = initialSet(convex);
        }
        ConeAdmm admm = new ConeAdmm(convex, rho1, rho2, ALPHA,
                ConeAdmm.singlePrecision(rtol, convex.problem().featuresView().numRows,
                        convex.problem().featuresView().numCols));
        admm.balanceSeparately(warmStart);
        if (!admm.workOn(set)) {
            return null;
        }
        if (warmStart) {
            admm.startFrom(restrict(start.blocksView(), set), restrict(kept, set));
        }
        int it = 0;
        int roundStart = 0;
        double checkedResidual = Double.POSITIVE_INFINITY;
        int checkedAt = 0;
        IterateExtrapolation duals = new IterateExtrapolation(EXTRAPOLATION_ITERATES);
        IterateExtrapolation blocks = new IterateExtrapolation(EXTRAPOLATION_ITERATES);
        ReluConvexProblem restricted = convex.withPatterns(convex.patterns().subset(admm.patterns()));
        double restrictedGap = Double.POSITIVE_INFINITY;
        double fullGap = first.certificate().relativeGap();
        while (it < maxIterations) {
            admm.iterate();
            it++;
            boolean last = it >= maxIterations;
            if (it % CHECK_EVERY != 0 && !last) {
                continue;
            }
            double residual = admm.residual();
            if (admm.factorizationAmortized(BALANCE_AMORTIZATION)
                    && admm.balance(BALANCE_RATIO, BALANCE_FACTOR)) {
                duals.clear();
                blocks.clear();
            }
            ConvexReluWeights iterate = admm.weights();
            double[] lambda = residual(restricted, iterate);
            if (extrapolate && it % CHECK_EVERY == 0) {
                duals.add(lambda);
                blocks.add(iterate.blocksView().data);
            }
            boolean roundOver = it - roundStart >= ROUND_ITERATIONS;
            // At the memory limit no pattern can be added: rounds no longer end early (fullGap 0).
            double innerTarget = roundTarget(settled, rtol, admm.patterns().length < room ? fullGap : 0);
            boolean near = restrictedGap <= NEAR_TARGET * innerTarget;
            if (residual > CHECK_DECREASE * checkedResidual && it - checkedAt < CHECK_AT_LEAST_EVERY && !roundOver
                    && !last && !near) {
                continue;
            }
            checkedResidual = residual;
            checkedAt = it;
            // Primal: the iterate moved into the cones (a block violating few constraints is projected exactly; at
            // n = 12000 an iterate violates some of its 12000 constraints until late). Dual: the residual of the
            // unrepaired iterate, which follows the ADMM even while the repair still drops far-off blocks; any lambda
            // gives a valid bound once scaled. The extrapolated iterate and residual are candidates beside them.
            ConvexReluWeights w = restricted.repair(iterate, REPAIR_ITERATIONS);
            boolean tail = restrictedGap <= EXTRAPOLATE_BELOW;
            double[] lambdaX = tail ? duals.estimate() : null;
            double[] blocksX = tail ? sparseLike(blocks.estimate(), iterate.blocksView()) : null;
            if (blocksX != null) {
                // Compared after the move into the cones: before it, the iterate's objective is below its feasible
                // value, and at n = 12000 an extrapolated point worse than the iterate before the move was the better
                // one after it (5627.82 against 5629.94).
                ConvexReluWeights wx = restricted.repair(ConvexReluWeights.ofBlocks(
                        DMatrixRMaj.wrap(iterate.blocksView().numRows, iterate.blocksView().numCols, blocksX), false),
                        REPAIR_ITERATIONS);
                if (restricted.objective(wx) < restricted.objective(w)) {
                    w = wx;
                }
            }
            DMatrixRMaj restrictedMu = admm.multipliers();
            ReluCertificate.Options cheap = new ReluCertificate.Options(
                    Math.min(CHEAP_REFINEMENT, options.refinementIterations()));
            ReluCertificate inner = ReluCertificate.evaluate(restricted, w, lambda, restrictedMu, cheap);
            if (lambdaX != null) {
                ReluCertificate other = ReluCertificate.evaluate(restricted, w, lambdaX, restrictedMu, cheap);
                if (other.certificate().dual() > inner.certificate().dual()) {
                    inner = other;
                    lambda = lambdaX;
                }
            }
            listener.progress("cone-admm", it, inner.certificate().primal(), inner.certificate().dual());
            restrictedGap = inner.certificate().relativeGap();
            boolean restrictedClosed = inner.certificate().closes(0, innerTarget);
            if (!restrictedClosed && !roundOver && !last) {
                continue;
            }
            place(restrictedMu, admm.patterns(), kept);
            ConvexReluWeights full = ConvexReluWeights.ofBlocks(embed(w.blocksView(), admm.patterns(), p), false);
            // Rounds screen with a few NNLS iterations (warm-started from the kept multipliers, so refinement
            // accumulates over the rounds); the last check refines fully.
            ReluCertificate certificate = ReluCertificate.evaluateWith(convex, full, lambda,
                    ConeMultipliers.updating(kept), last ? options : screening);
            best.offer(new ReluInteriorPoint.Result(full, lambda, null, it, certificate), kept);
            List<Integer> outside = violated(admm.patterns(), certificate.dual(), convex);
            listener.progress(String.format(java.util.Locale.ROOT,
                    "cone-admm over all %d patterns (%d in the working set, %d violated outside)", p,
                    admm.patterns().length, outside.size()), it, certificate.certificate().primal(),
                    certificate.certificate().dual());
            if (best.closes(rtol) || last) {
                break;
            }
            // A round adds at most max(GROWTH, W) patterns: the working set at most doubles, because at n = 12000 an
            // iteration's cost is mostly the n x n solves (0.52 s with 16 patterns, 0.60 s with 48) and every round
            // costs a refactorization and hundreds of iterations.
            settled = outside.isEmpty();
            fullGap = certificate.certificate().relativeGap();
            if (restrictedClosed && !outside.isEmpty() && admm.patterns().length >= room) {
                break;
            }
            int[] grown = grow(admm.patterns(), outside,
                    Math.min(Math.max(GROWTH, admm.patterns().length), room - admm.patterns().length));
            if (grown.length > admm.patterns().length) {
                if (!admm.workOn(grown)) {
                    break;
                }
                restricted = convex.withPatterns(convex.patterns().subset(admm.patterns()));
                duals.clear();
                blocks.clear();
                restrictedGap = Double.POSITIVE_INFINITY;
                roundStart = it;
                checkedResidual = Double.POSITIVE_INFINITY;
            } else if (roundOver) {
                roundStart = it;
            }
        }
        return best.best();
    }

    /**
     * The restricted gap that ends a round: {@code rtol} once no pattern outside the working set was violated at the
     * last full certificate ({@code settled}); else {@link #INNER_FRACTION} of it or {@link #ROUND_REDUCTION} of that
     * certificate's relative gap {@code fullGap}, whichever is larger.
     */
    static double roundTarget(boolean settled, double rtol, double fullGap) {
        return settled ? rtol : Math.max(INNER_FRACTION * rtol, ROUND_REDUCTION * fullGap);
    }

    /** The route's first copy penalty: {@link #RHO_COPY} times the mean eigenvalue of {@code X^T X}. */
    static double copyPenalty(DMatrixRMaj x) {
        double trace = 0;
        for (double value : x.data) {
            trace += value * value;
        }
        return RHO_COPY * Math.max(trace / x.numCols, Double.MIN_NORMAL);
    }

    /**
     * {@code estimate} (row-major, the shape of {@code like}) with the blocks (columns) that are zero in {@code like}
     * set to zero, or {@code null} for {@code null}: an extrapolation of the sparse ADMM iterate keeps its support, so
     * that the repair projects only the iterate's blocks.
     */
    private static double[] sparseLike(double[] estimate, DMatrixRMaj like) {
        if (estimate == null) {
            return null;
        }
        double[] norms = ConvexReluWeights.blockNorms(like);
        int cols = like.numCols;
        for (int i = 0; i < estimate.length; i++) {
            if (norms[i % cols] == 0) {
                estimate[i] = 0;
            }
        }
        return estimate;
    }

    /** {@code y - F w}. */
    private static double[] residual(ReluConvexProblem convex, ConvexReluWeights w) {
        double[] prediction = convex.predict(w);
        double[] y = convex.problem().yView();
        double[] out = new double[y.length];
        for (int k = 0; k < y.length; k++) {
            out[k] = y[k] - prediction[k];
        }
        return out;
    }

    /** The {@link #INITIAL} patterns with the largest {@code ||X^T D_i y||}. */
    private static int[] initialSet(ReluConvexProblem convex) {
        int p = convex.patterns().count();
        Set<Integer> set = new LinkedHashSet<>();
        double[] bounds = ConvexReluWeights.blockNorms(convex.operator().adjoint(convex.problem().yView()));
        Integer[] order = new Integer[p];
        for (int i = 0; i < p; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> -bounds[i]));
        for (int i = 0; i < Math.min(INITIAL, p); i++) {
            set.add(order[i]);
        }
        return sorted(set);
    }

    /** The patterns with a nonzero block in {@code w}, in increasing order. */
    private static int[] nonzeroPatterns(ConvexReluWeights w) {
        double[] norms = w.blockNorms();
        int p = norms.length / 2;
        return java.util.stream.IntStream.range(0, p).filter(i -> norms[i] > 0 || norms[p + i] > 0).toArray();
    }

    /** The working set plus the first {@code growth} of {@code candidates} (violated patterns, most violated first). */
    private static int[] grow(int[] set, List<Integer> candidates, int growth) {
        Set<Integer> in = new LinkedHashSet<>();
        for (int i : set) {
            in.add(i);
        }
        for (int c = 0; c < Math.min(growth, candidates.size()); c++) {
            in.add(candidates.get(c));
        }
        return sorted(in);
    }

    /** The patterns outside {@code set} whose dual constraint {@code dual} violates, the most violated first. */
    private static List<Integer> violated(int[] set, ReluDualBound dual, ReluConvexProblem convex) {
        int p = convex.patterns().count();
        double beta = convex.beta();
        boolean[] in = new boolean[p];
        for (int i : set) {
            in[i] = true;
        }
        double[] worst = new double[p];
        for (int j = 0; j < dual.bounds().length; j++) {
            worst[j % p] = Math.max(worst[j % p], dual.bounds()[j]);
        }
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            if (!in[i] && worst[i] > beta * (1 + VIOLATION)) {
                candidates.add(i);
            }
        }
        candidates.sort(Comparator.comparingDouble(i -> -worst[i]));
        return candidates;
    }

    private static int[] sorted(Set<Integer> set) {
        int[] out = set.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(out);
        return out;
    }

    /**
     * Where the columns of a working-set matrix go in a full one: column {@code j} of {@code [set, W + set]} is column
     * {@code columns[j]} of {@code [0..P-1, P..2P-1]}.
     */
    private static int[] fullColumns(int[] set, int p) {
        int w = set.length;
        int[] columns = new int[2 * w];
        for (int i = 0; i < w; i++) {
            columns[i] = set[i];
            columns[w + i] = p + set[i];
        }
        return columns;
    }

    /** Writes the columns of {@code restricted} ({@code [set, W + set]}) into columns {@code [set, P + set]} of {@code into}. */
    private static void place(DMatrixRMaj restricted, int[] set, DMatrixRMaj into) {
        int[] columns = fullColumns(set, into.numCols / 2);
        for (int row = 0; row < restricted.numRows; row++) {
            for (int j = 0; j < columns.length; j++) {
                into.data[row * into.numCols + columns[j]] = restricted.data[row * columns.length + j];
            }
        }
    }

    /** The columns {@code [set, P + set]} of {@code full} ({@code 2P} columns: blocks or multipliers) as {@code 2W}. */
    private static DMatrixRMaj restrict(DMatrixRMaj full, int[] set) {
        int[] columns = fullColumns(set, full.numCols / 2);
        DMatrixRMaj out = new DMatrixRMaj(full.numRows, columns.length);
        for (int row = 0; row < full.numRows; row++) {
            for (int j = 0; j < columns.length; j++) {
                out.data[row * columns.length + j] = full.data[row * full.numCols + columns[j]];
            }
        }
        return out;
    }

    /** A matrix with the columns {@code [set, P + set]} of one with {@code 2P} columns, zero elsewhere. */
    private static DMatrixRMaj embed(DMatrixRMaj restricted, int[] set, int p) {
        DMatrixRMaj out = new DMatrixRMaj(restricted.numRows, 2 * p);
        place(restricted, set, out);
        return out;
    }
}
