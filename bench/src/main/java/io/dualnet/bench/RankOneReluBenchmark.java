package io.dualnet.bench;

import io.dualnet.deeprelu.RankOneRelu;
import io.dualnet.deeprelu.RankOneReluSolution;
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

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The closed-form minimum-norm deep ReLU network on rank-one data ({@link RankOneRelu#solve}): factorization of
 * {@code X} (Gram eigen-decomposition, residual spectral norm), target decomposition, weights, dual point, and the
 * certificate recomputed from the weights (a forward pass over all {@code n} samples). Data: {@code X = c a0^T} with
 * Gaussian {@code c} (both signs, so the opposite-sign two-path network is built) and {@code a0}, {@code d = 20},
 * {@code y = c+ - 0.5 c-}, depth {@code L}, one neuron per path. Target (issue 13): milliseconds for {@code n <= 10000}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RankOneReluBenchmark {

    /** Samples. */
    @Param({"1000", "10000"})
    public int n;

    /** Depth. */
    @Param({"3", "6"})
    public int depth;

    private DMatrixRMaj x;
    private DMatrixRMaj y;

    /** Builds the seeded instance. */
    @Setup(Level.Trial)
    public void setUp() {
        int d = 20;
        SplittableRandom rng = new SplittableRandom(42);
        double[] a0 = new double[d];
        for (int j = 0; j < d; j++) {
            a0[j] = rng.nextDouble() - 0.5;
        }
        x = new DMatrixRMaj(n, d);
        y = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            double c = rng.nextDouble() * 2 - 1;
            for (int j = 0; j < d; j++) {
                x.set(i, j, c * a0[j]);
            }
            y.data[i] = c >= 0 ? c : 0.5 * c;
        }
    }

    /** One closed-form network with its certificate. */
    @Benchmark
    public RankOneReluSolution build() {
        return RankOneRelu.solve(x, y, RankOneRelu.Options.of(depth));
    }
}
