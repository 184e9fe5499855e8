package io.dualnet.cli;

import io.dualnet.data.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Data options of {@code dualnet relu-deep rank-one} and {@code parallel}: {@code --x}/{@code --y} files (CSV or
 * .npy, rows are samples) or a built-in {@code --generate} instance.
 */
public final class RankOneInputs {

    @Option(names = "--x", paramLabel = "FILE", description = "Inputs X (n x d): CSV of plain numbers, one sample per row, or .npy.")
    Path xFile;

    @Option(names = "--y", paramLabel = "FILE", description = "Targets Y (n x K), CSV or .npy.")
    Path yFile;

    @Option(names = "--generate", paramLabel = "NAME",
            description = "Built-in instance instead of --x/--y: wang-thm5 (c = (1,-1), a0 = e1, y = (1,-1): the "
                    + "opposite-sign counterexample), wang-thm5-same (y = (1,1)), rank-one (n = 40, d = 5, Gaussian c "
                    + "and a0 from --seed, y = c+ - 0.5 c-), tiny (n = 6, d = 3, Gaussian X and y from --seed: not rank-one).")
    String generate;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for --generate and for training (default ${DEFAULT-VALUE}).")
    long seed;

    /**
     * The library's names of the data ({@code x}, {@code --x}, {@code y}...) mapped to the flags that gave it:
     * {@code --x}/{@code --y}, or {@code --generate} for a built-in instance.
     */
    Map<String, String> flags() {
        return FlagNames.data(xFile, yFile, "--generate");
    }

    /** Loads {@code {X, Y}}. */
    DMatrixRMaj[] load() {
        return DataInputs.load(xFile, yFile, generate, name -> generate(name, seed));
    }

    /** The built-in instance {@code name}. */
    static DMatrixRMaj[] generate(String name, long seed) {
        switch (name) {
            case "wang-thm5" -> {
                return new DMatrixRMaj[] {new DMatrixRMaj(new double[][] {{1, 0}, {-1, 0}}),
                    new DMatrixRMaj(new double[][] {{1}, {-1}})};
            }
            case "wang-thm5-same" -> {
                return new DMatrixRMaj[] {new DMatrixRMaj(new double[][] {{1, 0}, {-1, 0}}),
                    new DMatrixRMaj(new double[][] {{1}, {1}})};
            }
            case "rank-one" -> {
                SplittableRandom rng = new SplittableRandom(seed);
                int n = 40;
                int d = 5;
                double[] a0 = gaussian(rng, d);
                double[] c = gaussian(rng, n);
                DMatrixRMaj x = new DMatrixRMaj(n, d);
                DMatrixRMaj y = new DMatrixRMaj(n, 1);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < d; j++) {
                        x.set(i, j, c[i] * a0[j]);
                    }
                    y.data[i] = c[i] >= 0 ? c[i] : 0.5 * c[i];
                }
                return new DMatrixRMaj[] {x, y};
            }
            case "tiny" -> {
                SplittableRandom rng = new SplittableRandom(seed);
                DMatrixRMaj x = new DMatrixRMaj(6, 3, true, gaussian(rng, 18));
                DMatrixRMaj y = new DMatrixRMaj(6, 1, true, gaussian(rng, 6));
                return new DMatrixRMaj[] {x, y};
            }
            default -> throw new InvalidInputException("--generate", name, "one of: wang-thm5, wang-thm5-same, rank-one, tiny");
        }
    }

    private static double[] gaussian(SplittableRandom rng, int k) {
        double[] v = new double[k];
        for (int i = 0; i < k; i++) {
            double u = rng.nextDouble();
            double w = rng.nextDouble();
            v[i] = Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w);
        }
        return v;
    }
}
