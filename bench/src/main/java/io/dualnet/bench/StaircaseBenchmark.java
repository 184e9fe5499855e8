package io.dualnet.bench;

import io.dualnet.closedform.Staircase;
import io.dualnet.linalg.EjmlLinearAlgebra;
import io.dualnet.linalg.LinearAlgebra;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.Matrices;
import io.dualnet.linalg.Svd;
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
 * The staircase of partial duals of Wang, Ergen, Pilanci (Prop. 9, eq. (78)) for a {@code 2000 x 2000} {@code X^+Y}
 * and {@code L = 10}, from data {@code X = I}, {@code Y} Gaussian, against one native SVD of the same matrix (thin,
 * with vectors) and one native singular-value computation. Target: staircase under 2x one SVD.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx8g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class StaircaseBenchmark {

    /** Matrix size. */
    @Param({"2000"})
    public int n;

    /** Depth. */
    @Param({"10"})
    public int depth;

    private DMatrixRMaj x;
    private DMatrixRMaj y;
    private LinearAlgebra nativeBackend;

    /** Builds the seeded instance. */
    @Setup(Level.Trial)
    public void setUp() {
        x = CommonOps_DDRM.identity(n);
        y = Matrices.gaussian(n, n, 1, new Random(7));
        LinearAlgebra nat = Linalg.nativeBackend();
        nativeBackend = nat != null ? nat : EjmlLinearAlgebra.INSTANCE;
    }

    /** All L - 1 levels of the staircase, optimized over t, from the data. */
    @Benchmark
    public double[] staircase() {
        return Staircase.of(x, y, depth).optimizedValues();
    }

    /** Baseline: one thin SVD with vectors. */
    @Benchmark
    public Svd nativeSvd() {
        return nativeBackend.svd(y);
    }

    /** Baseline: singular values only. */
    @Benchmark
    public double[] nativeSingularValues() {
        return nativeBackend.singularValues(y);
    }
}
