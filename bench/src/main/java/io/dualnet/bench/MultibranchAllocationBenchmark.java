package io.dualnet.bench;

import io.dualnet.data.ClassificationInstances;
import io.dualnet.duality.Allocation;
import io.dualnet.duality.BudgetAllocation;
import io.dualnet.duality.GapResult;
import io.dualnet.duality.ShapleyFolkmanGap;
import io.dualnet.landscape.ValueFunction;
import io.dualnet.net.BranchArchitecture;
import io.dualnet.net.MultibranchGapProblem;
import io.dualnet.reg.BranchRegularizer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The exact budget allocation of the multi-branch duality gap (Zhang et al., Theorem 1) for {@code I = 10^6}
 * identical branches {@code 1-1-1-1:tanh} on {@code threshold1d} (n = 16), tau = 4, K = 6, lattice M = 30 (348
 * value-function points): {@code allocate} builds a fresh allocator (hulls, relaxation, residue shortest paths,
 * allocation); {@code allocateReused} queries an allocator that already has the residue graph of the critical edge
 * (what a sweep over I pays); {@code gap} is {@link ShapleyFolkmanGap#at(int)} (allocation on the lattice and on the
 * certified lower value function). Target: under one second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class MultibranchAllocationBenchmark {

    /** Number of branches. */
    @Param({"1000000"})
    public int branches;

    /** Budget K. */
    @Param({"6"})
    public double budget;

    private ShapleyFolkmanGap gap;
    private ValueFunction phi;
    private BudgetAllocation reused;

    /** Runs the per-branch lattice search once. */
    @Setup(Level.Trial)
    public void setUp() {
        ClassificationInstances d = ClassificationInstances.threshold1d(16);
        MultibranchGapProblem problem = new MultibranchGapProblem(d.x(), d.y(), 4, budget,
                List.of(BranchArchitecture.parse("branch", "1-1-1-1:tanh")), 2, BranchRegularizer.L2_SQUARED);
        gap = ShapleyFolkmanGap.of(problem, ShapleyFolkmanGap.Options.defaults().withResolution(30)
                .withDivergence(false));
        phi = gap.profiles().get(0).upper();
        reused = new BudgetAllocation(List.of(phi));
        reused.solve(new int[] {branches}, budget);
    }

    /** A fresh allocator: everything but the per-branch search. */
    @Benchmark
    public Allocation allocate() {
        return new BudgetAllocation(List.of(phi)).solve(new int[] {branches}, budget);
    }

    /** An allocator whose residue graph is cached. */
    @Benchmark
    public Allocation allocateReused() {
        return reused.solve(new int[] {branches}, budget);
    }

    /** The whole gap query for I branches (lattice and certified lower allocations). */
    @Benchmark
    public GapResult gap() {
        return gap.at(branches);
    }
}
