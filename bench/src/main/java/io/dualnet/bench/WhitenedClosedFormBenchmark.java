package io.dualnet.bench;

import io.dualnet.deeprelu.WhitenedClosedForm;
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
 * The closed-form deep ReLU network of paper 003 Thm 4.3/4.4 on whitened data ({@code n x d}, {@code d = n + 30},
 * one-hot labels of 10 classes, L = 5, 50 units per hidden layer, beta = 1e-3): the construction alone
 * ({@link WhitenedClosedForm#network}) and the certified route ({@link WhitenedClosedForm#solve}: whitening and
 * orthogonality checks, forward pass, objective and lower bound recomputed from the weights).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx8g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class WhitenedClosedFormBenchmark {

    /** Samples. */
    @Param({"60", "1000", "10000"})
    public int n;

    private DMatrixRMaj x;
    private DMatrixRMaj y;
    private WhitenedClosedForm.Options options;

    /** Builds the seeded whitened instance. */
    @Setup(Level.Trial)
    public void setUp() {
        int d = n + 30;
        DMatrixRMaj g = Matrices.gaussian(n, d, 1, new Random(3));
        x = n <= 2000 ? Whitening.fit(g).apply(g) : g;
        y = new DMatrixRMaj(n, 10);
        for (int i = 0; i < n; i++) {
            y.set(i, i % 10, 1);
        }
        options = WhitenedClosedForm.Options.of(5, 50, 1e-3).withForce(true);
    }

    /** The network alone: {@code O(n d)}. */
    @Benchmark
    public DeepReluNetwork construct() {
        return WhitenedClosedForm.network(x, y, options);
    }

    /** The certified route (checks are {@code O(n^2 d)}); run for {@code n <= 1000} only. */
    @Benchmark
    public WhitenedSolution certified() {
        if (n > 1000) {
            return null;
        }
        return WhitenedClosedForm.solve(x, y, options);
    }
}
