package io.dualnet.duality;

import io.dualnet.data.InvalidInputException;
import io.dualnet.landscape.LowerHull;
import io.dualnet.landscape.ValueFunction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exact primal {@code inf(P)} of the separable problem of Theorem 1 (Zhang, Shao, Salakhutdinov): distribute the
 * budget over {@code I} branches, {@code n_t} of type {@code t}, each at a point of its value function,
 *
 * <pre>
 *   inf(P) = min (1/I) sum_i phi_{t(i)}(c_i)   s.t.  sum_i c_i <= I K,     c_i in {budgets of phi_{t(i)}},
 * </pre>
 *
 * with budgets that are integers in a common unit ({@link ValueFunction}). It never enumerates combinations.
 *
 * <p><b>Derivation.</b> Let {@link AllocationRelaxation} give the convexified optimum with multiplier
 * {@code lambda} (per unit), every type at a hull vertex {@code a_t} except the critical type, which mixes the two
 * ends {@code a, b} of its critical hull edge ({@code d = units(b) - units(a)}). With the reduced costs
 * {@code r_{t,k} = phi_{t,k} + lambda u_{t,k} - (phi_{t,a_t} + lambda u_{t,a_t}) >= 0} (zero at {@code a_t} and
 * {@code b}), every allocation's total value is {@code C + E} with a constant {@code C} and the excess
 * {@code E = sum_i r_i + lambda slack}, where {@code slack = S - sum_i (u_i - u_{a_t(i)}) >= 0} and {@code S} is
 * the budget left after the base points. Copies at {@code a_t} and {@code b} cost nothing; given the multiset
 * {@code D} of the other copies ("deviations", total extra budget {@code W}), the best number of copies at {@code b}
 * is {@code floor((S - W) / d)}, leaving {@code slack = (S - W) mod d}. Hence
 *
 * <pre>
 *   E  >=  min over residues rho in Z_d  of  dist(rho) + lambda ((S - rho) mod d),
 * </pre>
 *
 * where {@code dist(rho)} is the cheapest total reduced cost of a deviation multiset with {@code W = rho (mod d)}, a
 * shortest path from 0 to {@code rho} in the graph on {@code Z_d} whose edges are the deviations
 * {@code rho -> rho + (u_k - u_{a_t})} with cost {@code r_k} (Dijkstra; non-negative costs). Deviations with
 * {@code r >= lambda d} are never useful (the plain rounding already has {@code E < lambda d}). The bound ignores
 * only the copy counts and {@code W <= S}; when the shortest path of the best residue respects them (always for
 * large {@code I}), the allocation it describes attains the bound and is optimal ({@code residue-shortest-path}).
 * Otherwise residues are tried in increasing bound order; if none attains the bound, {@link StaircaseDp} solves the
 * instance exactly when it is small ({@code staircase-dp}), else the result is {@code bounded}: a feasible allocation
 * with a certified lower bound. The graph depends on the budget only through the critical edge, so it is cached and
 * reused across {@code K} and {@code I}; the cost is independent of {@code I}.
 *
 * <p>Consequence used as a check: the plain rounding (copies at {@code a} and {@code b}, one copy of the critical
 * type on the best point within the slack) is within {@code rho_critical = sup (phi - phi**)} of the relaxation, so
 * {@code inf(P) - sup(D) <= max_t rho_t / I} (one exceptional branch, not two).
 *
 * <p>Thread-safe.
 */
public final class BudgetAllocation {
    /** Method: the relaxation is already integral ({@code lambda* = 0}). */
    public static final String INTEGRAL = "relaxation-integral";
    /** Method: residue shortest paths attain their lower bound. */
    public static final String RESIDUE = "residue-shortest-path";
    /** Method: dynamic programming over branches. */
    public static final String DP = "staircase-dp";
    /** Method: no proof of optimality; {@link Allocation#lowerBound()} brackets the optimum. */
    public static final String BOUNDED = "bounded";
    /** Default operation limit of the dynamic-programming fall-back. */
    public static final long DEFAULT_DP_LIMIT = 2_000_000_000L;
    /** Largest critical edge length (residues) handled by the shortest-path method. */
    public static final long MAX_RESIDUES = 20_000_000L;
    /** Relative slack in {@code floor(I K / unit)} against rounding of the budget. */
    static final double BUDGET_RTOL = 1e-12;
    private static final int MAX_RECONSTRUCTIONS = 20_000;

    private final List<ValueFunction> functions;
    private final List<LowerHull> hulls;
    private final double unit;
    private final long dpLimit;
    private final Map<String, ResidueGraph> cache = new ConcurrentHashMap<>();

    /** An allocator for branch types with these value functions (all in the same budget unit). */
    public BudgetAllocation(List<ValueFunction> functions) {
        this(functions, DEFAULT_DP_LIMIT);
    }

    /**
     * @param functions the value functions of the branch types, with a common unit
     * @param dpLimit operation limit of the dynamic-programming fall-back, {@code >= 0}
     */
    public BudgetAllocation(List<ValueFunction> functions, long dpLimit) {
        if (functions == null || functions.isEmpty()) {
            throw new InvalidInputException("functions", functions, "at least one value function");
        }
        this.unit = functions.get(0).unit();
        for (ValueFunction f : functions) {
            if (Math.abs(f.unit() - unit) > 1e-12 * unit) {
                throw new InvalidInputException("unit", f.unit(), "the same budget unit for every type (" + unit + ")");
            }
        }
        this.functions = List.copyOf(functions);
        this.hulls = functions.stream().map(ValueFunction::hull).toList();
        this.dpLimit = dpLimit;
    }

    /** The convex envelopes of the value functions. */
    public List<LowerHull> hulls() {
        return hulls;
    }

    /**
     * The optimal allocation of the budget {@code K} (average {@code h}) across {@code sum counts} branches.
     *
     * @param counts copies {@code n_t} of each type, {@code >= 0}, at least one branch in total
     * @param budget {@code K >= 0}
     * @throws InvalidInputException naming {@code budget} when infeasible, or {@code counts} when malformed
     */
    public Allocation solve(int[] counts, double budget) {
        if (counts == null || counts.length != functions.size()) {
            throw new InvalidInputException("counts", counts == null ? null : counts.length + " entries",
                    functions.size() + " entries (one per branch type)");
        }
        long sum = 0;
        for (int t = 0; t < counts.length; t++) {
            InvalidInputException.requireAtLeast("counts[" + t + "]", counts[t], 0);
            sum += counts[t];
        }
        if (sum < 1 || sum > Integer.MAX_VALUE) {
            throw new InvalidInputException("I", sum, "between 1 and " + Integer.MAX_VALUE + " branches");
        }
        InvalidInputException.requireNonNegative("budget", budget);
        int branches = (int) sum;
        double budgetUnits = branches * budget / unit;
        AllocationRelaxation rel = AllocationRelaxation.solve(hulls, counts, budgetUnits);
        long cap = 0;
        for (int t = 0; t < counts.length; t++) {
            ValueFunction f = functions.get(t);
            cap += counts[t] * f.units(f.size() - 1);
        }
        long total = budgetUnits * (1 + BUDGET_RTOL) >= cap ? cap
                : (long) Math.floor(budgetUnits * (1 + BUDGET_RTOL));
        double dual = rel.total() / branches;
        double dualCheck = rel.dualValue(hulls, counts, budgetUnits) / branches;
        double lambda = rel.lambdaPerUnit() / unit;
        long[][] copies = new long[functions.size()][];
        for (int t = 0; t < copies.length; t++) {
            copies[t] = new long[functions.get(t).size()];
            copies[t][rel.base()[t]] = counts[t];
        }
        if (rel.critical() < 0) {
            return build(counts, copies, Double.NaN, dual, dualCheck, lambda, budgetUnits, total, INTEGRAL);
        }
        return integer(counts, rel, copies, total, budgetUnits, dual, dualCheck, lambda);
    }

    private Allocation integer(int[] counts, AllocationRelaxation rel, long[][] copies, long total,
            double budgetUnits, double dual, double dualCheck, double lambda) {
        int crit = rel.critical();
        ValueFunction fc = functions.get(crit);
        int a = rel.base()[crit];
        int b = hulls.get(crit).vertex(rel.edge() + 1);
        long d = fc.units(b) - fc.units(a);
        double lam = rel.lambdaPerUnit();
        long baseUnits = 0;
        double constant = -lam * total;
        double scale = 1;
        for (int t = 0; t < counts.length; t++) {
            ValueFunction f = functions.get(t);
            int base = rel.base()[t];
            baseUnits += counts[t] * f.units(base);
            constant += counts[t] * (f.value(base) + lam * f.units(base));
            scale = Math.max(scale, Math.abs(f.value(0)) + Math.abs(f.minValue()));
        }
        long s = Math.max(0, total - baseUnits);
        double tol = 1e-11 * scale * Arrays.stream(counts).sum();
        // Plain rounding: copies at a and b, one copy of the critical type on the best point within the slack.
        long nb = Math.min(s / d, counts[crit]);
        long slack = s - nb * d;
        Candidate best = new Candidate(List.of(), nb, lam * slack);
        if (counts[crit] - nb >= 1 && slack > 0) {
            int k = fc.indexAt(fc.units(a) + slack);
            if (k > a) {
                double e = reduced(crit, k, rel) + lam * (slack - (fc.units(k) - fc.units(a)));
                if (e < best.excess) {
                    best = new Candidate(List.of(new int[] {crit, k}), nb, e);
                }
            }
        }
        double lower = Double.NaN;
        String method = BOUNDED;
        if (d <= MAX_RESIDUES && best.excess <= lam * d + tol) {
            ResidueGraph graph = cache.computeIfAbsent(key(rel), x -> ResidueGraph.build(functions, rel, b, d, lam,
                    (t, k) -> reduced(t, k, rel)));
            lower = graph.lowerBound(s);
            for (int rho : graph.residuesByBound(s, MAX_RECONSTRUCTIONS)) {
                if (graph.bound(rho, s) >= best.excess - tol) {
                    break;
                }
                Candidate c = feasible(graph.path(rho), counts, rel, s, d, lam);
                if (c != null && c.excess < best.excess) {
                    best = c;
                }
            }
            if (best.excess <= lower + tol) {
                method = RESIDUE;
            }
        }
        if (!method.equals(RESIDUE)) {
            // A point with reduced cost above the best excess found is in no optimal allocation (E >= r).
            boolean[][] allowed = new boolean[functions.size()][];
            for (int t = 0; t < allowed.length; t++) {
                allowed[t] = new boolean[functions.get(t).size()];
                for (int k = 0; k < allowed[t].length; k++) {
                    allowed[t][k] = reduced(t, k, rel) <= best.excess + tol;
                }
            }
            long[][] dp = StaircaseDp.solve(functions, counts, total, dpLimit, allowed);
            if (dp != null) {
                return build(counts, dp, Double.NaN, dual, dualCheck, lambda, budgetUnits, total, DP);
            }
        }
        for (int[] item : best.items) {
            copies[item[0]][item[1]]++;
            copies[item[0]][rel.base()[item[0]]]--;
        }
        copies[crit][b] += best.atB;
        copies[crit][a] -= best.atB;
        double lowerAverage = method.equals(RESIDUE) ? Double.NaN
                : (constant + (Double.isNaN(lower) ? 0 : lower)) / Arrays.stream(counts).sum();
        return build(counts, copies, lowerAverage, dual, dualCheck, lambda, budgetUnits, total, method);
    }

    /** A deviation multiset, the copies it leaves at {@code b}, and its excess {@code E}. */
    private record Candidate(List<int[]> items, long atB, double excess) {
    }

    /** The allocation of a residue path if it respects the copy counts and the budget, else {@code null}. */
    private Candidate feasible(List<int[]> items, int[] counts, AllocationRelaxation rel, long s, long d,
            double lam) {
        int crit = rel.critical();
        long[] deviations = new long[counts.length];
        long w = 0;
        double reduced = 0;
        for (int[] item : items) {
            deviations[item[0]]++;
            ValueFunction f = functions.get(item[0]);
            w += f.units(item[1]) - f.units(rel.base()[item[0]]);
            reduced += reduced(item[0], item[1], rel);
        }
        if (w > s) {
            return null;
        }
        for (int t = 0; t < counts.length; t++) {
            if (deviations[t] > counts[t]) {
                return null;
            }
        }
        long nb = Math.min((s - w) / d, counts[crit] - deviations[crit]);
        return new Candidate(items, nb, reduced + lam * (s - w - nb * d));
    }

    private double reduced(int t, int k, AllocationRelaxation rel) {
        ValueFunction f = functions.get(t);
        int base = rel.base()[t];
        double lam = rel.lambdaPerUnit();
        double r = f.value(k) + lam * f.units(k) - (f.value(base) + lam * f.units(base));
        return Math.max(0, r);
    }

    private static String key(AllocationRelaxation rel) {
        return rel.critical() + "/" + rel.edge() + "/" + Arrays.toString(rel.base());
    }

    private Allocation build(int[] counts, long[][] copies, double lowerBound, double dual, double dualCheck,
            double lambda, double budgetUnits, long total, String method) {
        List<Allocation.Slot> slots = new ArrayList<>();
        double value = 0;
        long used = 0;
        for (int t = 0; t < copies.length; t++) {
            ValueFunction f = functions.get(t);
            long placed = 0;
            for (int k = 0; k < copies[t].length; k++) {
                long c = copies[t][k];
                if (c < 0) {
                    throw new IllegalStateException("negative copies at type " + t + ", point " + k);
                }
                if (c > 0) {
                    slots.add(new Allocation.Slot(t, k, c, f.units(k), f.value(k)));
                    value += c * f.value(k);
                    used += c * f.units(k);
                    placed += c;
                }
            }
            if (placed != counts[t]) {
                throw new IllegalStateException("type " + t + " has " + placed + " copies, expected " + counts[t]);
            }
        }
        if (used > total) {
            throw new IllegalStateException("allocation uses " + used + " budget units, more than " + total);
        }
        int branches = Arrays.stream(counts).sum();
        double primal = value / branches;
        boolean exact = Double.isNaN(lowerBound);
        return new Allocation(counts, slots, primal, exact ? primal : Math.min(lowerBound, primal), dual, dualCheck,
                lambda, used, budgetUnits, unit, exact, method);
    }
}
