package io.dualnet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvMatrixWriterTest {
    private static final long SEED = 20240611L;
    private static final int BIG_ROWS = 300;
    private static final int BIG_COLS = 200;

    @TempDir
    Path dir;

    private DMatrixRMaj roundTrip(DMatrixRMaj m) {
        Path p = dir.resolve("m.csv");
        CsvMatrixWriter.write(p, m);
        return CsvMatrixReader.read(p, "m");
    }

    private static void assertExact(DMatrixRMaj actual, DMatrixRMaj expected) {
        assertThat(actual.numRows).isEqualTo(expected.numRows);
        assertThat(actual.numCols).isEqualTo(expected.numCols);
        for (int k = 0; k < expected.data.length; k++) {
            assertThat(Double.doubleToRawLongBits(actual.data[k]))
                    .as("element %d", k).isEqualTo(Double.doubleToRawLongBits(expected.data[k]));
        }
    }

    @Test
    void writesShortestRoundTripDecimals() throws IOException {
        Path p = dir.resolve("m.csv");
        CsvMatrixWriter.write(p, new DMatrixRMaj(2, 2, true, 1, 0.1, -2.5e-300, 1e21));
        assertThat(Files.readString(p)).isEqualTo("1.0,0.1\n-2.5E-300,1.0E21\n");
    }

    @Test
    void roundTripsSmallShapes() {
        assertExact(roundTrip(new DMatrixRMaj(1, 1, true, Math.PI)), new DMatrixRMaj(1, 1, true, Math.PI));
        DMatrixRMaj row = Generators.gaussian(1, 7, SEED);
        assertExact(roundTrip(row), row);
        DMatrixRMaj col = Generators.gaussian(7, 1, SEED);
        assertExact(roundTrip(col), col);
    }

    @Test
    void roundTripsExtremeValuesExactly() {
        DMatrixRMaj m = new DMatrixRMaj(1, 6, true, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
                Double.MIN_NORMAL, 1.0 / 3);
        assertExact(roundTrip(m), m);
    }

    @Test
    void roundTripsLargeRandomMatrixExactly() {
        DMatrixRMaj m = Generators.gaussian(BIG_ROWS, BIG_COLS, SEED);
        assertExact(roundTrip(m), m);
    }

    @Test
    void rejectsNonFiniteMatrixAndLeavesNoFile() {
        Path p = dir.resolve("bad.csv");
        DMatrixRMaj m = new DMatrixRMaj(2, 2, true, 1, 2, 3, Double.NaN);
        assertThatThrownBy(() -> CsvMatrixWriter.write(p, m))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("matrix").hasMessageContaining("element [1, 1] = NaN")
                .hasMessageContaining("expected finite values only");
        assertThat(p).doesNotExist();
    }

    @Test
    void rejectsEmptyMatrix() {
        assertThatThrownBy(() -> CsvMatrixWriter.write(dir.resolve("e.csv"), new DMatrixRMaj(0, 3)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("matrix").hasMessageContaining("0x3")
                .hasMessageContaining("at least one row and one column");
    }

    @Test
    void replacesExistingFile() throws IOException {
        Path p = dir.resolve("m.csv");
        Files.writeString(p, "old content that is longer than the new one\n");
        CsvMatrixWriter.write(p, new DMatrixRMaj(1, 1, true, 2));
        assertThat(Files.readString(p)).isEqualTo("2.0\n");
    }
}
