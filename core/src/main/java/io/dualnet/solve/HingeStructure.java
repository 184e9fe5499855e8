package io.dualnet.solve;

import io.dualnet.linalg.Vectors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A guessed optimal structure of the hinge-loss convex ReLU program (spec §1.3; paper 002 Appendix A), for
 * {@link HingePolish}: the non-zero blocks {@code G}, the samples on the margin ({@code M}, {@code y_k r_k = 1}), and,
 * for the cone problem, the active cone constraints {@code C} of the blocks in {@code G}; the other samples are inside
 * the loss ({@code L}, {@code y_k lambda_k = 1}) or beyond the margin ({@code Z}, {@code lambda_k = 0}). Also the code
 * that guesses structures from a near-optimal point and corrects them once {@link HingeKkt} has solved them:
 *
 * <ul>
 *   <li>guesses: thresholds on the point's block norms and multipliers, and the complementarity indicator (primal
 *       slack against dual slack {@code 1 - ||q_j|| / beta});</li>
 *   <li>corrections of a solved guess whose signs or constraints are wrong: all at once (negative block norms or
 *       multipliers leave the structure, margins with {@code y lambda} outside {@code [0, 1]} leave the margin,
 *       violated constraints and margins join it), one change at a time, or the blocks whose dual constraint the
 *       polished point's certificate found violated.</li>
 * </ul>
 *
 * <p>Arrays are shared, not copied, and never modified; compare structures with {@link #sameAs}. A structure with more
 * than {@value #MAX_UNKNOWNS} unknowns, or with no block, is not made ({@code null}).
 *
 * @param groups the non-zero blocks {@code G}
 * @param margin the margin samples {@code M}
 * @param active the active cone constraints {@code C}, as {@code {j, k}} pairs
 * @param lambda the fixed values of {@code lambda} on {@code L} and {@code Z} ({@code 0} or {@code y_k}); on
 *     {@code M} the values of the point the structure was guessed from
 */
record HingeStructure(int[] groups, int[] margin, int[][] active, double[] lambda) {
    /** Relative thresholds separating zero from non-zero blocks, margins and multipliers. */
    private static final double[] THRESHOLDS = {1e-3, 1e-2, 1e-4};
    /** Relative excess over {@code beta} at which a block's dual constraint counts as violated. */
    private static final double VIOLATION_RTOL = 1e-12;
    /** Slack tolerance (relative) below which a margin or cone constraint counts as violated. */
    private static final double SLACK_TOL = 1e-12;
    /** Largest system size polished (dense {@code O(m^3)} least-squares steps). */
    private static final int MAX_UNKNOWNS = 400;

    /** Whether both hold the same blocks, margins, constraints and fixed values. */
    boolean sameAs(HingeStructure o) {
        return Arrays.equals(groups, o.groups) && Arrays.equals(margin, o.margin)
                && Arrays.deepEquals(active, o.active) && Arrays.equals(lambda, o.lambda);
    }

    /**
     * The distinct guesses for the point {@code start} with blocks {@code b} (neither modified): by complementarity,
     * then by every pair of thresholds.
     */
    static List<HingeStructure> guesses(HingeKkt kkt, ReluInteriorPoint.Result start, double[][] b) {
        List<HingeStructure> guesses = new ArrayList<>();
        guesses.add(byComplementarity(kkt, start, b, dualSlack(kkt, start)));
        for (double groupTheta : THRESHOLDS) {
            for (double sampleTheta : THRESHOLDS) {
                guesses.add(byThresholds(kkt, start, b, groupTheta, sampleTheta));
            }
        }
        List<HingeStructure> distinct = new ArrayList<>();
        for (HingeStructure guess : guesses) {
            if (guess != null && distinct.stream().noneMatch(guess::sameAs)) {
                distinct.add(guess);
            }
        }
        return distinct;
    }

    /** {@code 1 - ||q_j|| / beta} per block at the start's {@code lambda} and multipliers. */
    private static double[] dualSlack(HingeKkt kkt, ReluInteriorPoint.Result start) {
        double[] slack = new double[kkt.k];
        for (int j = 0; j < kkt.k; j++) {
            double[] q = new double[kkt.d];
            for (int i = 0; i < kkt.n; i++) {
                double w = kkt.geometry.coupling(j, i) * start.lambda()[i];
                if (start.multipliers() != null) {
                    w += start.multipliers().get(i, j) * kkt.geometry.side(j, i);
                }
                for (int c = 0; c < kkt.d; c++) {
                    q[c] += w * kkt.x.data[i * kkt.d + c];
                }
            }
            slack[j] = 1 - Vectors.norm(q) / kkt.beta;
        }
        return slack;
    }

    /** Non-zero blocks, margins and active constraints where the primal slack is below the dual one. */
    private static HingeStructure byComplementarity(HingeKkt kkt, ReluInteriorPoint.Result start, double[][] b,
                                                    double[] slack) {
        double maxNorm = maxNorm(b);
        List<Integer> groups = new ArrayList<>();
        for (int j = 0; j < kkt.k; j++) {
            if (Vectors.norm(b[j]) / maxNorm > slack[j]) {
                groups.add(j);
            }
        }
        double[] y = kkt.y;
        double[] r = kkt.geometry.predictions(b);
        double[] lambda = new double[kkt.n];
        List<Integer> margin = new ArrayList<>();
        for (int i = 0; i < kkt.n; i++) {
            double m = y[i] * r[i] - 1;
            double rho = y[i] * start.lambda()[i];
            if (m > rho) {
                lambda[i] = 0;
            } else if (-m > 1 - rho) {
                lambda[i] = y[i];
            } else {
                margin.add(i);
                lambda[i] = start.lambda()[i];
            }
        }
        List<int[]> active = new ArrayList<>();
        for (int j : groups) {
            addActiveByComplementarity(kkt, start, b, j, active);
        }
        return of(groups, margin, active, lambda);
    }

    /**
     * Adds to {@code active} (modified) block {@code j}'s cone constraints (none for the gated problem) whose relative
     * slack is below their multiplier.
     */
    private static void addActiveByComplementarity(HingeKkt kkt, ReluInteriorPoint.Result start, double[][] b, int j,
                                                   List<int[]> active) {
        for (int i = 0; !kkt.gated && i < kkt.n; i++) {
            double g = kkt.geometry.side(j, i) * kkt.geometry.rowDot(i, b[j]) / (kkt.rowNorm(i) * Vectors.norm(b[j]));
            if (kkt.rowNorm(i) > 0 && g < start.multipliers().get(i, j) * kkt.rowNorm(i) / kkt.beta) {
                active.add(new int[] {j, i});
            }
        }
    }

    /** Non-zero blocks above {@code groupTheta} times the largest; margins and constraints by thresholds. */
    private static HingeStructure byThresholds(HingeKkt kkt, ReluInteriorPoint.Result start, double[][] b,
                                               double groupTheta, double sampleTheta) {
        double maxNorm = maxNorm(b);
        List<Integer> groups = new ArrayList<>();
        for (int j = 0; j < kkt.k; j++) {
            if (Vectors.norm(b[j]) > groupTheta * maxNorm) {
                groups.add(j);
            }
        }
        double[] y = kkt.y;
        double[] lambda = new double[kkt.n];
        List<Integer> margin = new ArrayList<>();
        for (int i = 0; i < kkt.n; i++) {
            double rho = y[i] * start.lambda()[i];
            if (rho > sampleTheta && rho < 1 - sampleTheta) {
                margin.add(i);
                lambda[i] = start.lambda()[i];
            } else {
                lambda[i] = rho >= 1 - sampleTheta ? y[i] : 0;
            }
        }
        List<int[]> active = new ArrayList<>();
        if (!kkt.gated) {
            for (int j : groups) {
                for (int i = 0; i < kkt.n; i++) {
                    double g = kkt.geometry.side(j, i) * kkt.geometry.rowDot(i, b[j]);
                    if (kkt.rowNorm(i) > 0 && g <= sampleTheta * kkt.rowNorm(i) * Vectors.norm(b[j])) {
                        active.add(new int[] {j, i});
                    }
                }
            }
        }
        return of(groups, margin, active, lambda);
    }

    /** The structure of the lists, or {@code null} when it has no block or too many unknowns. */
    private static HingeStructure of(List<Integer> groups, List<Integer> margin, List<int[]> active,
                                     double[] lambda) {
        if (groups.isEmpty() || groups.size() + margin.size() + active.size() > MAX_UNKNOWNS) {
            return null;
        }
        return new HingeStructure(groups.stream().mapToInt(Integer::intValue).toArray(),
                margin.stream().mapToInt(Integer::intValue).toArray(), active.toArray(new int[0][]), lambda);
    }

    /**
     * The corrected structure for the solved unknowns {@code z} and the full {@code lambda} they give, {@code solved}
     * (neither modified), or {@code null} when the solved point satisfies every sign and constraint.
     */
    HingeStructure corrected(HingeKkt kkt, double[] z, double[] solved) {
        int nm = margin.length;
        int ng = groups.length;
        double[] y = kkt.y;
        double[][] q = kkt.directions(this, z, solved);
        double[][] b = new double[kkt.k][kkt.d];
        List<Integer> nextGroups = new ArrayList<>();
        for (int g = 0; g < ng; g++) {
            if (z[nm + g] > 0) {
                nextGroups.add(groups[g]);
                for (int c = 0; c < kkt.d; c++) {
                    b[groups[g]][c] = z[nm + g] * q[g][c] / kkt.beta;
                }
            }
        }
        double[] r = kkt.geometry.predictions(b);
        double[] fixed = lambda.clone();
        List<Integer> nextMargin = new ArrayList<>();
        for (int i = 0; i < kkt.n; i++) {
            boolean inMargin = HingeKkt.indexOf(margin, i) >= 0;
            double m = y[i] * r[i] - 1;
            if (inMargin) {
                double rho = y[i] * solved[i];
                if (rho < 0) {
                    fixed[i] = 0;
                } else if (rho > 1) {
                    fixed[i] = y[i];
                } else {
                    nextMargin.add(i);
                }
            } else if (fixed[i] == 0 ? m < -SLACK_TOL : m > SLACK_TOL) {
                nextMargin.add(i);
            }
        }
        List<int[]> nextActive = new ArrayList<>();
        int base = nm + ng;
        for (int c = 0; c < active.length; c++) {
            if (z[base + c] >= 0 && nextGroups.contains(active[c][0])) {
                nextActive.add(active[c]);
            }
        }
        if (!kkt.gated) {
            for (int j : nextGroups) {
                for (int i = 0; i < kkt.n; i++) {
                    boolean listed = false;
                    for (int[] a : active) {
                        listed |= a[0] == j && a[1] == i;
                    }
                    if (!listed && kkt.rowNorm(i) > 0 && kkt.geometry.side(j, i) * kkt.geometry.rowDot(i, b[j])
                            < -SLACK_TOL * kkt.rowNorm(i) * Vectors.norm(b[j])) {
                        nextActive.add(new int[] {j, i});
                    }
                }
            }
        }
        HingeStructure next = of(nextGroups, nextMargin, nextActive, fixed);
        return next == null || next.sameAs(this) ? null : next;
    }

    /**
     * Single changes for solved unknowns {@code z} (not modified) with a wrong sign: each constraint with a negative
     * multiplier dropped, or its block dropped; each block with a negative norm dropped. (The combined correction can
     * cycle where a constraint is active with a nearly zero multiplier; the search tries these one at a time.)
     */
    List<HingeStructure> alternatives(double[] z) {
        List<HingeStructure> out = new ArrayList<>();
        int nm = margin.length;
        int ng = groups.length;
        for (int g = 0; g < ng; g++) {
            if (z[nm + g] < 0) {
                out.add(without(groups[g], null));
            }
        }
        for (int c = 0; c < active.length; c++) {
            if (z[nm + ng + c] < 0) {
                out.add(without(-1, active[c]));
                out.add(without(active[c][0], null));
            }
        }
        out.removeIf(Objects::isNull);
        return out;
    }

    /** This without block {@code group} (and its constraints; {@code -1}: none) and without {@code constraint}. */
    private HingeStructure without(int group, int[] constraint) {
        List<Integer> nextGroups = new ArrayList<>();
        for (int j : groups) {
            if (j != group) {
                nextGroups.add(j);
            }
        }
        List<int[]> nextActive = new ArrayList<>();
        for (int[] a : active) {
            if (a[0] != group && a != constraint) {
                nextActive.add(a);
            }
        }
        return of(nextGroups, Arrays.stream(margin).boxed().toList(), nextActive, lambda);
    }

    /**
     * This plus the blocks whose dual constraint {@code r}'s certificate found violated (with their constraints active
     * by complementarity at {@code start}, whose blocks are {@code b}), or {@code null} when there are none.
     */
    HingeStructure withViolatedBlocks(HingeKkt kkt, ReluInteriorPoint.Result r, ReluInteriorPoint.Result start,
                                      double[][] b) {
        int[] violated = r.certificate().dual().violated(kkt.beta, VIOLATION_RTOL);
        List<Integer> nextGroups = new ArrayList<>();
        for (int j : groups) {
            nextGroups.add(j);
        }
        List<int[]> nextActive = new ArrayList<>(Arrays.asList(active));
        boolean added = false;
        for (int j : violated) {
            if (!nextGroups.contains(j)) {
                nextGroups.add(j);
                added = true;
                addActiveByComplementarity(kkt, start, b, j, nextActive);
            }
        }
        return added ? of(nextGroups, Arrays.stream(margin).boxed().toList(), nextActive, lambda) : null;
    }

    private static double maxNorm(double[][] b) {
        double max = 0;
        for (double[] v : b) {
            max = Math.max(max, Vectors.norm(v));
        }
        return max;
    }
}
