package io.dualnet.duality;

import io.dualnet.landscape.ValueFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BudgetAllocation}: the exact integer allocation against hand-computed answers, brute-force enumeration of
 * all multisets and the dynamic program, on seeded random value functions; and its speed for {@code I = 10^6}.
 */
class MultibranchAllocationTest {
    private static final double ATOL = 1e-12;
    private static final double RTOL = 1e-10;

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= ATOL + RTOL * Math.abs(b);
    }

    /** The two-point example: phi = 1 on [0, 1), 0 from 1 on; inf(P) = 1 - floor(I K) / I, sup(D) = 1 - K. */
    @Test
    void twoPointExampleByHand() {
        ValueFunction f = ValueFunction.of(new long[] {0, 1}, new double[] {1, 0}, null, 1.0, 1);
        BudgetAllocation alloc = new BudgetAllocation(List.of(f));
        for (int i : new int[] {1, 2, 3, 7, 10, 1000}) {
            for (double k : new double[] {0, 0.25, 0.5, 0.7, 0.999, 1, 3}) {
                Allocation a = alloc.solve(new int[] {i}, k);
                double kk = Math.min(k, 1);
                assertThat(a.exact()).isTrue();
                assertThat(close(a.primal(), 1 - Math.floor(i * kk + 1e-9) / i)).as("I=%d K=%s", i, k).isTrue();
                assertThat(close(a.dual(), 1 - kk)).isTrue();
                assertThat(close(a.dualCheck(), a.dual())).isTrue();
                assertThat(a.gap()).isBetween(-ATOL, 1.0 / i + ATOL);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void matchesBruteForceOnRandomStaircases(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int types = 1 + rng.nextInt(2);
        List<ValueFunction> fs = new ArrayList<>();
        for (int t = 0; t < types; t++) {
            fs.add(randomStaircase(rng, 2 + rng.nextInt(5), 12));
        }
        BudgetAllocation withoutDp = new BudgetAllocation(fs, 0);
        BudgetAllocation withDp = new BudgetAllocation(fs);
        for (int trial = 0; trial < 12; trial++) {
            int[] counts = new int[types];
            for (int t = 0; t < types; t++) {
                counts[t] = rng.nextInt(types == 1 ? 6 : 4) + (t == 0 ? 1 : 0);
            }
            int branches = java.util.Arrays.stream(counts).sum();
            double k = rng.nextDouble() * 10;
            double brute = bruteForce(fs, counts, (long) Math.floor(branches * k * (1 + 1e-12)));
            Allocation exact = withDp.solve(counts, k);
            assertThat(exact.exact()).isTrue();
            assertThat(close(exact.primal(), brute)).as("seed %d trial %d %s", seed, trial, exact.method()).isTrue();
            Allocation a = withoutDp.solve(counts, k);
            assertThat(a.lowerBound()).isLessThanOrEqualTo(brute + 1e-9);
            if (a.exact()) {
                assertThat(close(a.primal(), brute)).as("seed %d trial %d %s", seed, trial, a.method()).isTrue();
            }
            assertThat(a.primal()).isGreaterThanOrEqualTo(brute - 1e-9);
            assertThat(a.dual()).isLessThanOrEqualTo(brute + 1e-9);
            double rho = fs.stream().mapToDouble(f -> f.hull().rho()).max().orElseThrow();
            assertThat(brute - a.dual()).isLessThanOrEqualTo(rho / branches + 1e-9);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25, 26})
    void matchesDynamicProgramForModerateI(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<ValueFunction> fs = List.of(randomStaircase(rng, 30, 400), randomStaircase(rng, 20, 300));
        BudgetAllocation fast = new BudgetAllocation(fs, 0);
        for (int trial = 0; trial < 5; trial++) {
            int[] counts = {5 + rng.nextInt(20), rng.nextInt(15)};
            int branches = counts[0] + counts[1];
            double k = 20 + rng.nextDouble() * 300;
            Allocation a = fast.solve(counts, k);
            long[][] dp = StaircaseDp.solve(fs, counts, (long) Math.floor(branches * k * (1 + 1e-12)), Long.MAX_VALUE);
            double reference = 0;
            for (int t = 0; t < 2; t++) {
                for (int j = 0; j < dp[t].length; j++) {
                    reference += dp[t][j] * fs.get(t).value(j);
                }
            }
            reference /= branches;
            assertThat(a.lowerBound()).isLessThanOrEqualTo(reference + 1e-9);
            assertThat(a.primal()).isGreaterThanOrEqualTo(reference - 1e-9);
            if (a.exact()) {
                assertThat(close(a.primal(), reference)).as("seed %d trial %d", seed, trial).isTrue();
            }
        }
    }

    @Test
    void aMillionIdenticalBranchesAllocateExactly() {
        // Speed (I = 10^6 in well under a second) is measured by MultibranchAllocationBenchmark, not asserted here.
        SplittableRandom rng = new SplittableRandom(99);
        ValueFunction f = randomStaircase(rng, 400, 2700);
        BudgetAllocation alloc = new BudgetAllocation(List.of(f));
        alloc.solve(new int[] {1000}, 900.5);
        Allocation a = alloc.solve(new int[] {1_000_000}, 1234.567);
        assertThat(a.exact()).isTrue();
        assertThat(a.gap()).isBetween(-1e-12, f.hull().rho() / 1_000_000 + 1e-12);
    }

    /** A staircase with {@code m} points at distinct budgets in [0, maxUnits] and decreasing, non-convex values. */
    static ValueFunction randomStaircase(SplittableRandom rng, int m, int maxUnits) {
        java.util.TreeSet<Long> budgets = new java.util.TreeSet<>();
        budgets.add(0L);
        while (budgets.size() < m) {
            budgets.add(1 + (long) rng.nextInt(maxUnits));
        }
        long[] u = budgets.stream().mapToLong(Long::longValue).toArray();
        double[] v = new double[m];
        double value = 1 + rng.nextDouble();
        for (int k = 0; k < m; k++) {
            v[k] = value;
            value -= 0.01 + rng.nextDouble() * rng.nextDouble();
        }
        return ValueFunction.of(u, v, null, 1.0, maxUnits);
    }

    /** Minimum over all multisets (per type, compositions of n_t into the staircase points) within the budget. */
    static double bruteForce(List<ValueFunction> fs, int[] counts, long budget) {
        double[] best = {Double.POSITIVE_INFINITY};
        enumerate(fs, counts, 0, 0, 0, 0, budget, best);
        return best[0] / java.util.Arrays.stream(counts).sum();
    }

    private static void enumerate(List<ValueFunction> fs, int[] counts, int t, int from, int placed, double value,
            long budgetLeft, double[] best) {
        if (budgetLeft < 0) {
            return;
        }
        if (t == fs.size()) {
            best[0] = Math.min(best[0], value);
            return;
        }
        if (placed == counts[t]) {
            enumerate(fs, counts, t + 1, 0, 0, value, budgetLeft, best);
            return;
        }
        ValueFunction f = fs.get(t);
        for (int k = from; k < f.size(); k++) {
            enumerate(fs, counts, t, k, placed + 1, value + f.value(k), budgetLeft - f.units(k), best);
        }
    }
}
