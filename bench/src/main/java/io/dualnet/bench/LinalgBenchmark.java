package io.dualnet.bench;

import io.dualnet.linalg.EjmlLinearAlgebra;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.LinearAlgebra;
import io.dualnet.linalg.Matrices;
import io.dualnet.linalg.Svd;
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
 * Thin SVD and GEMM of square Gaussian {@code n x n} matrices on the EJML and native (OpenBLAS/LAPACK) backends.
 *
 * <p>EJML is skipped above {@value #EJML_MAX_N_DEFAULT} (its setup fails with a message, and JMH moves on) unless
 * the system property {@code dualnet.bench.ejmlMaxN} raises the limit, because a single EJML SVD at {@code n = 2000}
 * takes minutes. Example: {@code java -cp "bench/target/dualnet-bench.jar:bench/target/lib/*"
 * org.openjdk.jmh.Main LinalgBenchmark -p n=100,1000 -wi 1 -i 2 -f 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 2, time = 5)
@Fork(1)
public class LinalgBenchmark {

    /** Largest {@code n} run on EJML unless {@code -Ddualnet.bench.ejmlMaxN} says otherwise. */
    public static final int EJML_MAX_N_DEFAULT = 1000;

    private static final long SEED = 20240611L;

    /** Matrix order. */
    @Param({"100", "1000", "2000"})
    public int n;

    /** {@code ejml} or {@code native}. */
    @Param({"ejml", "native"})
    public String backend;

    private LinearAlgebra la;
    private DMatrixRMaj a;
    private DMatrixRMaj b;

    /**
     * Picks the backend and draws the seeded inputs; modifies only this state object.
     *
     * @throws IllegalStateException if the native backend cannot be loaded, or EJML is asked for a too large n
     */
    @Setup(Level.Trial)
    public void setUp() {
        switch (backend) {
            case "ejml" -> {
                int max = Integer.getInteger("dualnet.bench.ejmlMaxN", EJML_MAX_N_DEFAULT);
                if (n > max) {
                    throw new IllegalStateException("skipping EJML at n = " + n + " (> dualnet.bench.ejmlMaxN = "
                            + max + ")");
                }
                la = EjmlLinearAlgebra.INSTANCE;
            }
            case "native" -> {
                la = Linalg.nativeBackend();
                if (la == null) {
                    throw new IllegalStateException("native backend unavailable on this machine");
                }
            }
            default -> throw new IllegalStateException("backend = " + backend + ": expected ejml or native");
        }
        Random rng = new Random(SEED);
        a = Matrices.gaussian(n, n, 1.0, rng);
        b = Matrices.gaussian(n, n, 1.0, rng);
    }

    /** Thin SVD of the {@code n x n} input (not modified). */
    @Benchmark
    public Svd svd() {
        return la.svd(a);
    }

    /** {@code A B} for two {@code n x n} inputs (not modified). */
    @Benchmark
    public DMatrixRMaj gemm() {
        return la.mult(a, b);
    }
}
