package io.dualnet.cli;

import io.dualnet.data.ClassificationInstances;
import io.dualnet.data.InvalidInputException;
import io.dualnet.data.MatrixFiles;
import io.dualnet.linalg.Matrices;
import io.dualnet.net.BranchArchitecture;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Shared options of the {@code dualnet multibranch} commands: the data ({@code --x}/{@code --y} files or a built-in
 * {@code --generate} set), the branch architectures and the thread count.
 */
public final class MultibranchInputs {

    @Option(names = "--x", paramLabel = "FILE", description = "Inputs (n x d): CSV of plain numbers, one sample per row, or .npy.")
    Path xFile;

    @Option(names = "--y", paramLabel = "FILE", description = "Labels (n x 1): -1/+1 for the binary losses, "
            + "class indices 0..C-1 for multiclass-hinge and cross-entropy.")
    Path yFile;

    @Option(names = "--generate", paramLabel = "NAME", defaultValue = "threshold1d",
            description = "Built-in data instead of --x/--y (default ${DEFAULT-VALUE}): threshold1d (n points evenly "
                    + "spaced on [-1,1], y = +1 iff x > 0.2), noisy1d (uniform x from --seed, 10%% labels flipped), "
                    + "blobs (2-D Gaussian blobs, --classes classes).")
    String generate;

    @Option(names = "--n", defaultValue = "16", description = "Samples of --generate (default ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--classes", defaultValue = "2", description = "Classes of --generate blobs (default ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the data and of the random methods (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--branch", paramLabel = "SPEC", split = ",",
            description = "Branch architecture d0-d1-..-dL[:activation][:bias], activation relu|sigmoid|tanh|linear; "
                    + "several (comma-separated or repeated) make a heterogeneous network, branch i has type i mod T "
                    + "(default: 1-1-1-1:tanh, f = w3 tanh(w2 tanh(w1 x))).")
    List<String> branches;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: number of cores).")
    Integer threads;

    /** {@code --threads}, or the number of cores. */
    int threads() {
        return threads == null ? Runtime.getRuntime().availableProcessors()
                : InvalidInputException.requireAtLeast("--threads", threads, 1);
    }

    /** The data as {@code {x (n x d), y (n)}}. */
    ClassificationInstances load() {
        if (xFile != null || yFile != null) {
            if (xFile == null || yFile == null) {
                throw new InvalidInputException(xFile == null ? "--x" : "--y", "(missing)",
                        "both --x and --y (CSV or .npy files)");
            }
            DMatrixRMaj x = MatrixFiles.read(xFile, "--x");
            DMatrixRMaj y = MatrixFiles.read(yFile, "--y");
            if (y.numCols != 1 || y.numRows != x.numRows) {
                throw new InvalidInputException("--y", Matrices.shape(y) + " matrix",
                        "one column with one label per row of --x (" + x.numRows + " rows)");
            }
            double[][] rows = new double[x.numRows][x.numCols];
            double[] labels = new double[y.numRows];
            for (int k = 0; k < x.numRows; k++) {
                for (int j = 0; j < x.numCols; j++) {
                    rows[k][j] = x.get(k, j);
                }
                labels[k] = y.get(k, 0);
            }
            int max = 1;
            for (double v : labels) {
                max = Math.max(max, (int) v);
            }
            return new ClassificationInstances(rows, labels, max + 1);
        }
        return ClassificationInstances.named(generate, n, classes, seed);
    }

    /**
     * Checks that every branch type reads the data's inputs and has one output (the gap needs scalar branches).
     *
     * @throws InvalidInputException naming {@code --branch}
     */
    void requireScalarBranches(ClassificationInstances data) {
        for (BranchArchitecture a : types()) {
            if (a.inputDim() != data.x()[0].length || a.outputDim() != 1) {
                throw new InvalidInputException("--branch", a.spec(), "a branch with input dimension "
                        + data.x()[0].length + " (the data's) and one output");
            }
        }
    }

    /** The branch types ({@code --branch}). */
    List<BranchArchitecture> types() {
        List<String> specs = branches == null || branches.isEmpty() ? List.of("1-1-1-1:tanh") : branches;
        List<BranchArchitecture> out = new ArrayList<>();
        for (String s : specs) {
            out.add(BranchArchitecture.parse("--branch", s));
        }
        return out;
    }
}
