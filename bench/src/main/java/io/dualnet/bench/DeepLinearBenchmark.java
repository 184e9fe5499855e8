package io.dualnet.bench;

import io.dualnet.closedform.DeepLinearClosedForm;
import io.dualnet.linalg.EjmlLinearAlgebra;
import io.dualnet.linalg.LinearAlgebra;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.Matrices;
import io.dualnet.linalg.Svd;
import io.dualnet.net.DeepLinearProblem;
import io.dualnet.net.DeepLinearWeights;
import io.dualnet.solve.DeepLinearDualSolver;
import io.dualnet.solve.Solution;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
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

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The certified optimum of problem (4) (closed form, recomputed certificate) against one native thin SVD of the same
 * {@code n x n} matrix, and the iterative dual solver, on the A.2 instance shape: {@code X = I_n}, {@code Y} i.i.d.
 * {@code N(0,1)}, {@code H = 3}, widths {@code (50, 50)}, {@code gamma = 0.05}. Target: closed form at most 1.5x one SVD.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx8g"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class DeepLinearBenchmark {

    /** Matrix size. */
    @Param({"100", "1000", "2000"})
    public int n;

    private DeepLinearProblem problem;
    private DMatrixRMaj y;
    private LinearAlgebra nativeBackend;

    /** Builds the seeded instance. */
    @Setup(Level.Trial)
    public void setUp() {
        y = Matrices.gaussian(n, n, 1, new Random(42));
        problem = new DeepLinearProblem(CommonOps_DDRM.identity(n), y, new int[] {50, 50}, 0.05);
        LinearAlgebra nat = Linalg.nativeBackend();
        nativeBackend = nat != null ? nat : EjmlLinearAlgebra.INSTANCE;
    }

    /** One thin SVD (U, s, V) of Y with the native backend: the baseline. */
    @Benchmark
    public Svd nativeSvd() {
        return nativeBackend.svd(y);
    }

    /** Certified global optimum: weights, dual point, recomputed primal value and gap. */
    @Benchmark
    public Solution<DeepLinearWeights, DMatrixRMaj> certifiedOptimum() {
        return DeepLinearClosedForm.solve(problem);
    }

    /** The iterative dual solver (accelerated projected gradient) to relative gap 1e-8. */
    @Benchmark
    public Solution<DeepLinearWeights, DMatrixRMaj> dualSolver() {
        return new DeepLinearDualSolver(new DeepLinearDualSolver.Options(500, 1e-8, 1.0)).solve(problem);
    }
}
