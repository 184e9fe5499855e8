package io.dualnet.cli;

import io.dualnet.data.InvalidInputException;
import io.dualnet.data.MatrixFiles;
import io.dualnet.data.PaperInstances;
import io.dualnet.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

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
        return FlagNames.data(xFile, yFile, "--generate");
    }

    /** Loads {@code {X, Y}}, validating that both are given and have the same number of rows. */
    DMatrixRMaj[] load() {
        return load(xFile, yFile, generate, this::generate);
    }

    private DMatrixRMaj[] generate(String name) {
        return switch (name) {
            case "diag321" -> new DMatrixRMaj[] {CommonOps_DDRM.identity(3), CommonOps_DDRM.diag(3, 2, 1)};
            case "eye2" -> new DMatrixRMaj[] {CommonOps_DDRM.identity(2), CommonOps_DDRM.identity(2)};
            case "a2" -> PaperInstances.zhangA2(seed);
            default -> throw new InvalidInputException("--generate", generate, "one of: diag321, eye2, a2");
        };
    }

    /**
     * The data of a command whose sources are {@code --x/--y} files or {@code --generate NAME}, exactly one of them
     * ({@link DataSources#filesOrGenerate}): the files read by {@link #readPair}, or {@code named} applied to the
     * lower-cased {@code NAME}.
     */
    static DMatrixRMaj[] load(Path xFile, Path yFile, String generate, Function<String, DMatrixRMaj[]> named) {
        if (DataSources.filesOrGenerate(xFile, yFile, generate, true)) {
            return readPair(xFile, yFile);
        }
        return named.apply(generate.toLowerCase(Locale.ROOT));
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
