package io.dualnet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyWriterTest {
    private static final long SEED = 20240611L;
    private static final int BIG_ROWS = 300;
    private static final int BIG_COLS = 200;
    /** Total header size numpy.save produces for small 2-D float64 arrays (magic to final newline). */
    private static final int NUMPY_HEADER_BYTES = 128;

    @TempDir
    Path dir;

    private DMatrixRMaj roundTrip(DMatrixRMaj m) {
        Path p = dir.resolve("m.npy");
        NpyWriter.write(p, m);
        return NpyReader.read(p, "m");
    }

    private static void assertBitExact(DMatrixRMaj actual, DMatrixRMaj expected) {
        assertThat(actual.numRows).isEqualTo(expected.numRows);
        assertThat(actual.numCols).isEqualTo(expected.numCols);
        for (int k = 0; k < expected.data.length; k++) {
            assertThat(Double.doubleToRawLongBits(actual.data[k]))
                    .as("element %d", k).isEqualTo(Double.doubleToRawLongBits(expected.data[k]));
        }
    }

    @Test
    void writesTheSameBytesAsNumpySave() throws IOException {
        Path p = dir.resolve("m.npy");
        NpyWriter.write(p, new DMatrixRMaj(2, 3, true, 1, 2, 3, 4, 5, 6));
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";
        byte[] expected = NpyBytes.file(1, dict + " ".repeat(NpyWriter.GROWTH_DIGITS - 1),
                NpyBytes.f8(1, 2, 3, 4, 5, 6));
        byte[] actual = Files.readAllBytes(p);
        assertThat(actual).isEqualTo(expected);
        assertThat(actual).hasSize(NUMPY_HEADER_BYTES + 6 * Double.BYTES);
    }

    @Test
    void headerIsPaddedToSixtyFourBytesAndEndsWithNewline() {
        for (int rows : new int[] {1, 9, 10, 300, 123_456_789, Integer.MAX_VALUE}) {
            byte[] header = NpyWriter.header(rows, 1);
            assertThat(header.length % NpyWriter.ALIGN).as("rows %d", rows).isZero();
            assertThat(header[header.length - 1]).isEqualTo((byte) '\n');
            assertThat(Arrays.copyOf(header, 8)).isEqualTo(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
            int length = ByteBuffer.wrap(header, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF;
            assertThat(length).isEqualTo(header.length - 10);
            String text = new String(header, 10, length, StandardCharsets.ISO_8859_1);
            assertThat(text).startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", 1), }");
        }
    }

    @Test
    void roundTripsSmallShapes() {
        DMatrixRMaj one = new DMatrixRMaj(1, 1, true, -0.0);
        assertBitExact(roundTrip(one), one);
        DMatrixRMaj row = Generators.gaussian(1, 9, SEED);
        assertBitExact(roundTrip(row), row);
        DMatrixRMaj col = Generators.gaussian(9, 1, SEED);
        assertBitExact(roundTrip(col), col);
    }

    @Test
    void roundTripsLargeRandomMatrixBitExactly() {
        DMatrixRMaj m = Generators.gaussian(BIG_ROWS, BIG_COLS, SEED);
        m.data[0] = Double.MIN_VALUE;
        m.data[1] = -Double.MAX_VALUE;
        assertBitExact(roundTrip(m), m);
    }

    @Test
    void rejectsNonFiniteMatrixAndLeavesNoFile() {
        Path p = dir.resolve("bad.npy");
        DMatrixRMaj m = new DMatrixRMaj(1, 2, true, Double.POSITIVE_INFINITY, 1);
        assertThatThrownBy(() -> NpyWriter.write(p, m))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("matrix").hasMessageContaining("element [0, 0] = Infinity")
                .hasMessageContaining("expected finite values only");
        assertThat(p).doesNotExist();
    }
}
