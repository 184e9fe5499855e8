package io.dualnet.cli;

import io.dualnet.data.InvalidInputException;
import io.dualnet.data.MatrixFiles;
import io.dualnet.data.PaperInstances;
import io.dualnet.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.Locale;

/**
 * Shared data options of the linear-network commands: {@code --x}/{@code --y} files (CSV or .npy, rows are samples)
 * or a built-in {@code --generate} instance.
 */
public final class DataInputs {

    @Option(names = "--x", paramLabel = "FILE", description = "Inputs X (n x d): CSV of plain numbers, one sample per row, or .npy.")
    Path xFile;

    @Option(names = "--y", paramLabel = "FILE", description = "Targets Y (n x c), CSV or .npy.")
    Path yFile;

    @Option(names = "--generate", paramLabel = "NAME",
            description = "Built-in instance instead of --x/--y: diag321 (X = I_3, Y = diag(3,2,1)), eye2 (X = Y = I_2), "
                    + "a2 (X = I_100, Y Gaussian 100x100 from --seed).")
    String generate;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for --generate a2 and for training (default ${DEFAULT-VALUE}).")
    long seed;

    /** The library's names of the data ({@code X}, {@code y}...) mapped to the flags that gave it. */
    Map<String, String> flags() {
        String x = xFile != null ? "--x" : "--generate";
        String y = yFile != null ? "--y" : "--generate";
        return Map.of("X", x, "x", x, "Y", y, "y", y);
    }

    /** Loads {@code {X, Y}}, validating that both are given and have the same number of rows. */
    DMatrixRMaj[] load() {
        DMatrixRMaj x;
        DMatrixRMaj y;
        DataSources.of().offer("--x/--y", xFile != null || yFile != null).offer("--generate", generate != null)
                .requireOne();
        DataSources.requirePair("--x", xFile, "--y", yFile);
        if (generate != null) {
            switch (generate.toLowerCase(Locale.ROOT)) {
                case "diag321" -> {
                    x = CommonOps_DDRM.identity(3);
                    y = CommonOps_DDRM.diag(3, 2, 1);
                }
                case "eye2" -> {
                    x = CommonOps_DDRM.identity(2);
                    y = CommonOps_DDRM.identity(2);
                }
                case "a2" -> {
                    DMatrixRMaj[] xy = PaperInstances.zhangA2(seed);
                    x = xy[0];
                    y = xy[1];
                }
                default -> throw new InvalidInputException("--generate", generate, "one of: diag321, eye2, a2");
            }
        } else {
            return readPair(xFile, yFile);
        }
        return new DMatrixRMaj[] {x, y};
    }

    /**
     * Reads the data files {@code --x} and {@code --y} ({@link MatrixFiles#readData}: finite, magnitudes at most
     * 1e100) and checks that they have as many rows (samples).
     */
    static DMatrixRMaj[] readPair(Path xFile, Path yFile) {
        DMatrixRMaj x = MatrixFiles.readData(xFile, "--x");
        DMatrixRMaj y = MatrixFiles.readData(yFile, "--y");
        if (x.numRows != y.numRows) {
            throw new InvalidInputException("--y", Matrices.shape(y) + " matrix",
                    "as many rows (samples) as --x, which is " + Matrices.shape(x));
        }
        return new DMatrixRMaj[] {x, y};
    }
}
