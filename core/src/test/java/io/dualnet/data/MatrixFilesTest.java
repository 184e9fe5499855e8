package io.dualnet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MatrixFilesTest {
    private static final long SEED = 7L;
    private static final String PARAM = "--x";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"m.csv", "m.txt", "m.npy", "M.CSV", "M.Npy", "sub/dir/m.npy"})
    void roundTripsByExtension(String name) {
        DMatrixRMaj m = Generators.gaussian(4, 3, SEED);
        Path p = dir.resolve(name);
        MatrixFiles.write(p, m, "--out");
        DMatrixRMaj back = MatrixFiles.read(p, PARAM);
        assertThat(back.numRows).isEqualTo(4);
        assertThat(back.numCols).isEqualTo(3);
        assertThat(back.data).containsExactly(m.data);
    }

    @Test
    void dispatchesOnExtensionNotContent() throws IOException {
        Path csv = dir.resolve("a.csv");
        Files.writeString(csv, "1,2\n");
        assertThat(MatrixFiles.read(csv, PARAM).data).containsExactly(1, 2);
        Path npy = dir.resolve("b.npy");
        MatrixFiles.write(npy, new DMatrixRMaj(1, 1, true, 3));
        assertThat(Files.readAllBytes(npy)[1]).isEqualTo((byte) 'N');
        Path csvNamedNpy = dir.resolve("c.npy");
        Files.writeString(csvNamedNpy, "1,2\n");
        assertThatThrownBy(() -> MatrixFiles.read(csvNamedNpy, PARAM))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("no .npy magic string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"m.json", "m", "m.npz", "m.csv.gz", "npy"})
    void readRejectsUnknownExtension(String name) {
        Path p = dir.resolve(name);
        assertThatThrownBy(() -> MatrixFiles.read(p, PARAM))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage("invalid --x = " + p + ": expected a file name ending in .csv, .txt (comma-separated"
                        + " numbers) or .npy (NumPy array)");
    }

    @Test
    void writeRejectsUnknownExtensionAndWritesNothing() {
        Path p = dir.resolve("m.xlsx");
        assertThatThrownBy(() -> MatrixFiles.write(p, new DMatrixRMaj(1, 1), "--out"))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--out").hasMessageContaining(p.toString())
                .hasMessageContaining("expected a file name ending in .csv, .txt");
        assertThat(p).doesNotExist();
        assertThatThrownBy(() -> MatrixFiles.write(p, new DMatrixRMaj(1, 1)))
                .isExactlyInstanceOf(InvalidInputException.class).hasMessageStartingWith("invalid path = ");
    }

    @Test
    void readReportsMissingFile() {
        Path p = dir.resolve("missing.npy");
        assertThatThrownBy(() -> MatrixFiles.read(p, PARAM))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage("invalid --x = " + p + ": expected an existing file (no such file)");
    }

    @Test
    void writeReportsUnwritableLocation() throws IOException {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        Path p = blocker.resolve("m.csv");
        assertThatThrownBy(() -> MatrixFiles.write(p, new DMatrixRMaj(1, 1), "--out"))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage("invalid --out = " + p + ": expected a writable file location (" + blocker
                        + " exists and is not a directory)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void readsVectorsFromAColumnOrARow() throws IOException {
        Path column = dir.resolve("y.csv");
        Files.writeString(column, "1\n-1\n2.5\n");
        assertThat(MatrixFiles.readVector(column, "--y")).containsExactly(1, -1, 2.5);
        Path row = dir.resolve("y.npy");
        MatrixFiles.write(row, new DMatrixRMaj(1, 3, true, 4, 5, 6));
        assertThat(MatrixFiles.readVector(row, "--y")).containsExactly(4, 5, 6);
    }

    @Test
    void vectorRejectsAMatrix() throws IOException {
        Path p = dir.resolve("y.csv");
        Files.writeString(p, "1,2\n3,4\n");
        assertThatThrownBy(() -> MatrixFiles.readVector(p, "--y"))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage("invalid --y = " + p + " (a 2x2 matrix): expected a vector: one column (n x 1, one value "
                        + "per line) or one row (1 x n)");
        assertThatThrownBy(() -> MatrixFiles.toVector(new DMatrixRMaj(2, 3), "y"))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage("invalid y = a 2x3 matrix: expected a vector: an n x 1 or 1 x n matrix with n >= 1");
        assertThat(MatrixFiles.toVector(new DMatrixRMaj(2, 1, true, 7, 8), "y")).containsExactly(7, 8);
    }
}
