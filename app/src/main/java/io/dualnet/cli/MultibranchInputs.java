package io.dualnet.cli;

import io.dualnet.data.ClassificationInstances;
import io.dualnet.data.InputLimits;
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

    @Option(names = "--generate", paramLabel = "NAME",
            description = "Built-in data instead of --x/--y (default threshold1d): threshold1d (n points evenly "
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
        return OptionLimits.threads(threads);
    }

    /** The data as {@code {x (n x d), y (n)}}. */
    ClassificationInstances load() {
        if (DataSources.filesOrGenerate(xFile, yFile, generate, false)) {
            DMatrixRMaj x = MatrixFiles.readData(xFile, "--x");
            DMatrixRMaj y = MatrixFiles.readData(yFile, "--y");
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
            for (int k = 0; k < labels.length; k++) {
                double v = labels[k];
                if (v != Math.rint(v) || v < -1 || v > 1_000_000) {
                    throw new InvalidInputException("--y", yFile + " (row " + (k + 1) + ": " + v + ")",
                            "labels -1/+1, or class indices 0..C-1");
                }
                max = Math.max(max, (int) v);
            }
            return new ClassificationInstances(rows, labels, max + 1);
        }
        InvalidInputException.requireAtLeast("--n", n, 2);
        InvalidInputException.requireAtLeast("--classes", classes, 2);
        InputLimits.requireAllocatable("--n", null, n + " samples", 3L * n);
        return ClassificationInstances.named(generate == null ? "threshold1d" : generate, n, classes, seed);
    }

    /**
     * Checks that the labels are binary, -1 or +1 (the losses of the duality gap are binary).
     *
     * @throws InvalidInputException naming {@code --y} and the first other label
     */
    void requireBinaryLabels(ClassificationInstances data) {
        double[] y = data.y();
        for (int k = 0; k < y.length; k++) {
            if (y[k] != 1.0 && y[k] != -1.0) {
                throw new InvalidInputException(yFile != null ? "--y" : "--classes",
                        yFile != null ? yFile + " (row " + (k + 1) + ": " + y[k] + ")" : data.classes() + " classes",
                        "binary labels -1/+1 (the gap's loss is the binary tau-hinge)");
            }
        }
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
