package io.dualnet.bench;

import io.dualnet.deeprelu.WhitenedClosedForm;
import io.dualnet.deeprelu.WhitenedInstances;
import io.dualnet.deeprelu.WhitenedSolution;
import io.dualnet.deeprelu.Whitening;
import io.dualnet.linalg.Matrices;
import io.dualnet.net.DeepReluNetwork;
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
 * The closed-form deep ReLU network of paper 003 Thm 4.3/4.4 on whitened data ({@code n x d} with orthonormal rows,
 * one-hot labels of 10 classes, L = 5, 50 units per hidden layer, beta = 1e-3): the construction alone
 * ({@link WhitenedClosedForm#network}: one pass over {@code X}), the certified route ({@link WhitenedClosedForm#solve}:
 * two passes over {@code X} carrying the whitening probes and the first layer's pre-activations, objective and lower
 * bound recomputed from the weights), the previous route's exact Gram check, and one plain read of {@code X} (a sum of its entries) as the memory floor.
 * Shapes: 003 Figure 4 (60 x 90), and {@code d = 10000} with {@code n = 1000} or {@code n = 10000}; the large inputs
 * are rows of a Kronecker product of two 100 x 100 orthogonal matrices (dense and exactly whitened up to rounding,
 * without an SVD of the whole matrix).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx6g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class WhitenedClosedFormBenchmark {

    /** {@code n x d}. */
    @Param({"60x90", "1000x10000", "10000x10000"})
    public String shape;

    private DMatrixRMaj x;
    private DMatrixRMaj y;
    private WhitenedClosedForm.Options options;

    /** Builds the seeded whitened instance. */
    @Setup(Level.Trial)
    public void setUp() {
        String[] nd = shape.split("x");
        int n = Integer.parseInt(nd[0]);
        int d = Integer.parseInt(nd[1]);
        if (d == 90) {
            DMatrixRMaj g = Matrices.gaussian(n, d, 1, new Random(3));
            x = Whitening.fit(g).apply(g);
        } else {
            x = WhitenedInstances.kroneckerRows(n, (int) Math.round(Math.sqrt(d)), 3);
        }
        y = new DMatrixRMaj(n, 10);
        for (int i = 0; i < n; i++) {
            y.set(i, i % 10, 1);
        }
        options = WhitenedClosedForm.Options.of(5, 50, 1e-3);
    }

    /** The network alone: one pass over {@code X} ({@code O(n d)} for one-hot labels). */
    @Benchmark
    public DeepReluNetwork construct() {
        return WhitenedClosedForm.network(x, y, options);
    }

    /** Checks, network, objective and lower bound recomputed from the weights: two passes over {@code X}. */
    @Benchmark
    public WhitenedSolution certified() {
        return WhitenedClosedForm.solve(x, y, options);
    }

    /**
     * The previous route's whitening check for comparison: {@code ||X X^T - I||_F} from the Gram matrix
     * ({@code O(n^2 d)}); not run at 10000 x 10000 (5e11 multiply-adds).
     */
    @Benchmark
    public double gramCheck() {
        return x.numRows > 2000 ? Double.NaN : Whitening.rowDeviation(x);
    }

    /** The memory floor: one read of {@code X}. */
    @Benchmark
    public double readOnce() {
        double s = 0;
        for (double v : x.data) {
            s += v;
        }
        return s;
    }
}
