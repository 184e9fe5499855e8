package io.dualnet.bench;

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
 * The Cholesky factorization of the working-set ADMM's {@code n x n} system ({@code G G^T + I}, {@code G} Gaussian
 * {@code n x 784}), one factorization per operation, on two routes:
 * <ul>
 *   <li>{@code jni-arrays}: LAPACKE's row-major {@code dpotrf} called with the Java array (how the native backend did
 *       it before: JNI copies the array in and back, LAPACKE transposes it twice);</li>
 *   <li>{@code native}: {@link Linalg#choleskyInPlace}, which from {@code n = 2048} factors the column-major upper
 *       triangle of the thread's native copy in place.</li>
 * </ul>
 * Example: {@code java -Xmx8g -cp "bench/target/dualnet-bench.jar:bench/target/lib/*" org.openjdk.jmh.Main
 * CholeskyBenchmark -p n=12000}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx8g")
public class CholeskyBenchmark {
    private static final long SEED = 20261205L;

    /** Order of the system. */
    @Param({"4000", "12000"})
    public int n;

    /** {@code jni-arrays} or {@code native}. */
    @Param({"jni-arrays", "native"})
    public String route;

    private DMatrixRMaj system;
    private DMatrixRMaj work;

    /**
     * Forms the seeded system once per trial; modifies only this state object.
     *
     * @throws IllegalStateException if the native backend cannot be loaded
     */
    @Setup(Level.Trial)
    public void setUp() {
        LinearAlgebra nat = Linalg.nativeBackend();
        if (nat == null) {
            throw new IllegalStateException("native backend unavailable on this machine");
        }
        if (!route.equals("jni-arrays") && !route.equals("native")) {
            throw new IllegalStateException("route = " + route + ": expected jni-arrays or native");
        }
        DMatrixRMaj g = Matrices.gaussian(n, 784, 1.0, new Random(SEED));
        system = nat.syrkLowerInto(g, 1, 0, new DMatrixRMaj(n, n));
        for (int i = 0; i < n; i++) {
            system.data[i * n + i] += 1;
        }
        work = new DMatrixRMaj(n, n);
    }

    /** A fresh copy of the system before every factorization (JMH does not time it). */
    @Setup(Level.Iteration)
    public void copy() {
        System.arraycopy(system.data, 0, work.data, 0, n * n);
    }

    /** One factorization, in place in {@code work}. */
    @Benchmark
    public boolean factor() {
        if (route.equals("jni-arrays")) {
            return openblas.LAPACKE_dpotrf(openblas.LAPACK_ROW_MAJOR, (byte) 'L', n, work.data, n) == 0;
        }
        return Linalg.get().choleskyInPlace(work);
    }
}
