package io.dualnet.bench;

import io.dualnet.linalg.EjmlLinearAlgebra;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.LinearAlgebra;
import io.dualnet.linalg.Matrices;
import org.bytedeco.openblas.global.openblas;
import org.ejml.data.DMatrixRMaj;
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
 * The products of the cone program's solvers: features {@code X} ({@code n x d}, Fashion-MNIST's size by default)
 * times a few columns, {@code X^T E} (the adjoint, {@code E} is {@code n x K}) and {@code X V} ({@code V} is
 * {@code d x K}), on four routes:
 * <ul>
 *   <li>{@code ejml}: the Java backend;</li>
 *   <li>{@code jni-arrays}: OpenBLAS called with the Java arrays (the JavaCPP {@code double[]} overloads, how the native
 *       backend passed operands before it had its own buffers: JNI copies every array in and back);</li>
 *   <li>{@code native}: the native backend, which copies the operands into the thread's native buffers;</li>
 *   <li>{@code resident}: the native backend with a native copy of {@code X} kept ({@link Linalg#keepResident}), as
 *       the pattern operators do.</li>
 * </ul>
 * Example: {@code java -cp "bench/target/dualnet-bench.jar:bench/target/lib/*" org.openjdk.jmh.Main
 * FeatureProductBenchmark -wi 1 -w 2s -i 3 -r 2s -f 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class FeatureProductBenchmark {
    private static final long SEED = 20261205L;

    /** Samples (rows of {@code X}). */
    @Param({"12000"})
    public int n;

    /** Features. */
    @Param({"784"})
    public int d;

    /** Columns of the other operand. */
    @Param({"1", "4", "32"})
    public int k;

    /** {@code ejml}, {@code jni-arrays}, {@code native} or {@code resident}. */
    @Param({"ejml", "jni-arrays", "native", "resident"})
    public String route;

    private DMatrixRMaj x;
    private DMatrixRMaj e;
    private DMatrixRMaj v;
    private DMatrixRMaj adjoint;
    private DMatrixRMaj forward;
    private LinearAlgebra backend;

    /**
     * Draws the seeded operands and picks the route; modifies only this state object.
     *
     * @throws IllegalStateException if a native route is asked for and the native backend cannot be loaded
     */
    @Setup(Level.Trial)
    public void setUp() {
        Random rng = new Random(SEED);
        x = Matrices.gaussian(n, d, 1.0, rng);
        e = Matrices.gaussian(n, k, 1.0, rng);
        v = Matrices.gaussian(d, k, 1.0, rng);
        adjoint = new DMatrixRMaj(d, k);
        forward = new DMatrixRMaj(n, k);
        if (route.equals("ejml")) {
            backend = EjmlLinearAlgebra.INSTANCE;
            return;
        }
        backend = Linalg.nativeBackend();
        if (backend == null) {
            throw new IllegalStateException("native backend unavailable on this machine");
        }
        switch (route) {
            case "resident" -> Linalg.get().keepResident(x);
            case "native", "jni-arrays" -> { }
            default -> throw new IllegalStateException("route = " + route
                    + ": expected ejml, jni-arrays, native or resident");
        }
    }

    /** {@code X^T E} ({@code d x K}). */
    @Benchmark
    public DMatrixRMaj adjoint() {
        if (route.equals("jni-arrays")) {
            openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasTrans, openblas.CblasNoTrans, d, k, n, 1.0,
                    x.data, d, e.data, k, 0.0, adjoint.data, k);
            return adjoint;
        }
        return backend.multInto(x, true, e, false, adjoint);
    }

    /** {@code X V} ({@code n x K}). */
    @Benchmark
    public DMatrixRMaj forward() {
        if (route.equals("jni-arrays")) {
            openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans, n, k, d, 1.0,
                    x.data, d, v.data, k, 0.0, forward.data, k);
            return forward;
        }
        return backend.multInto(x, false, v, false, forward);
    }
}
