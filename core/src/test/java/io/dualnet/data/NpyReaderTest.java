package io.dualnet.data;

import static io.dualnet.data.NpyBytes.f4;
import static io.dualnet.data.NpyBytes.f8;
import static io.dualnet.data.NpyBytes.file;
import static io.dualnet.data.NpyBytes.ints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpyReaderTest {
    private static final String PARAM = "--x";
    private static final double[] ONE_TO_SIX = {1, 2, 3, 4, 5, 6};

    @TempDir
    Path dir;

    private Path write(byte[] content) throws IOException {
        Path p = dir.resolve("x.npy");
        Files.write(p, content);
        return p;
    }

    private DMatrixRMaj read(byte[] content) throws IOException {
        return NpyReader.read(write(content), PARAM);
    }

    private static void assertMatrix(DMatrixRMaj m, int rows, int cols, double... values) {
        assertThat(m.numRows).isEqualTo(rows);
        assertThat(m.numCols).isEqualTo(cols);
        assertThat(m.data).containsExactly(values);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void readsEveryHeaderVersion(int major) throws IOException {
        byte[] bytes = file(major, NpyBytes.dict("<f8", false, "(2, 3)"), f8(ONE_TO_SIX));
        assertThat((bytes.length - 6 * 8) % 64).isZero();
        assertMatrix(read(bytes), 2, 3, ONE_TO_SIX);
    }

    @Test
    void readsFortranOrderColumnMajor() throws IOException {
        assertMatrix(read(file("<f8", true, "(2, 3)", f8(1, 4, 2, 5, 3, 6))), 2, 3, ONE_TO_SIX);
    }

    @Test
    void readsBigEndianFortranOrder() throws IOException {
        byte[] data = f8(ByteOrder.BIG_ENDIAN, 1, 4, 2, 5, 3, 6);
        assertMatrix(read(file(">f8", true, "(2, 3)", data)), 2, 3, ONE_TO_SIX);
    }

    @Test
    void readsOneDimensionalAsColumn() throws IOException {
        assertMatrix(read(file("<f8", false, "(3,)", f8(1, 2, 3))), 3, 1, 1, 2, 3);
        assertMatrix(read(file("<f8", true, "(3,)", f8(1, 2, 3))), 3, 1, 1, 2, 3);
    }

    @Test
    void readsPython2LongSuffixInShape() throws IOException {
        assertMatrix(read(file("<f8", false, "(2L, 3L)", f8(ONE_TO_SIX))), 2, 3, ONE_TO_SIX);
    }

    @Test
    void ignoresBytesAfterTheData() throws IOException {
        byte[] data = Arrays.copyOf(f8(1, 2), 16 + 5);
        assertMatrix(read(file("<f8", false, "(1, 2)", data)), 1, 2, 1, 2);
    }

    @Test
    void convertsFloat32() throws IOException {
        assertMatrix(read(file("<f4", false, "(1, 3)", f4(1.5f, -0.1f, 3e38f))), 1, 3, 1.5, (double) -0.1f,
                (double) 3e38f);
    }

    @Test
    void convertsSignedIntegers() throws IOException {
        assertMatrix(read(file("<i4", false, "(1, 3)", ints(4, -7, 0, Integer.MAX_VALUE))), 1, 3, -7, 0,
                Integer.MAX_VALUE);
        assertMatrix(read(file("<i8", false, "(1, 2)", ints(8, -1L << 40, 5))), 1, 2, -(double) (1L << 40), 5);
        assertMatrix(read(file("|i1", false, "(1, 2)", ints(1, -128, 127))), 1, 2, -128, 127);
        assertMatrix(read(file("<i2", false, "(1, 2)", ints(2, -300, 300))), 1, 2, -300, 300);
        assertMatrix(read(file(">i4", false, "(1, 2)", ints(4, ByteOrder.BIG_ENDIAN, -5, 6))), 1, 2, -5, 6);
    }

    @Test
    void convertsUnsignedIntegers() throws IOException {
        assertMatrix(read(file("|u1", false, "(1, 3)", ints(1, 0, 128, 255))), 1, 3, 0, 128, 255);
        assertMatrix(read(file("<u2", false, "(1, 1)", ints(2, 65535))), 1, 1, 65535);
        assertMatrix(read(file("<u4", false, "(1, 1)", ints(4, 0xFFFFFFFFL))), 1, 1, 4294967295.0);
        assertMatrix(read(file("<u8", false, "(1, 2)", ints(8, -1L, 3))), 1, 2, 18446744073709551615.0, 3);
    }

    @Test
    void readsBoolAsZeroOrOne() throws IOException {
        assertMatrix(read(file("|b1", false, "(1, 3)", ints(1, 1, 0, 1))), 1, 3, 1, 0, 1);
    }

    @Test
    void rejectsZeroDimensionalArray() throws IOException {
        Path p = write(file("<f8", false, "()", f8(1)));
        assertThatThrownBy(() -> NpyReader.read(p, PARAM))
                .isInstanceOf(DataFormatException.class)
                .hasMessage("invalid --x = " + p + " (shape (), a 0-D (scalar) array): expected a 1-D or 2-D array"
                        + " (a 1-D array of length n is read as an n x 1 column)");
    }

    @Test
    void rejectsThreeDimensionalArray() throws IOException {
        Path p = write(file("<f8", false, "(2, 3, 4)", f8(new double[24])));
        assertThatThrownBy(() -> NpyReader.read(p, PARAM))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(PARAM).hasMessageContaining(p.toString())
                .hasMessageContaining("shape (2, 3, 4), a 3-D array").hasMessageContaining("expected a 1-D or 2-D");
    }

    @Test
    void rejectsEmptyArray() throws IOException {
        assertThatThrownBy(() -> read(file("<f8", false, "(0, 3)", new byte[0])))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("shape (0, 3), an empty array")
                .hasMessageContaining("expected an array with at least one element");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<c16", "|O", "<U10", "|S5", "<f2", "<M8[ns]", "|f8", "<i16"})
    void rejectsUnsupportedDtypeListingSupportedOnes(String descr) throws IOException {
        Path p = write(file(descr, false, "(1, 1)", new byte[16]));
        assertThatThrownBy(() -> NpyReader.read(p, PARAM))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith("invalid --x = " + p + " (unsupported dtype '" + descr + "'): expected")
                .hasMessageContaining("'<f8'").hasMessageContaining("'<f4'").hasMessageContaining("'<i4'")
                .hasMessageContaining("'<i8'").hasMessageContaining("'|u1'").hasMessageContaining("'|i1'");
    }

    @Test
    void rejectsStructuredDtype() throws IOException {
        String dict = "{'descr': [('a', '<f8'), ('b', '<i4')], 'fortran_order': False, 'shape': (2,), }";
        assertThatThrownBy(() -> read(file(1, dict, new byte[24])))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("structured dtype").hasMessageContaining("'<f8'");
    }

    @Test
    void rejectsTruncatedData() throws IOException {
        Path p = write(file("<f8", false, "(2, 3)", f8(1, 2, 3, 4, 5)));
        assertThatThrownBy(() -> NpyReader.read(p, PARAM))
                .isInstanceOf(DataFormatException.class)
                .hasMessage("invalid --x = " + p + " (truncated data: shape (2, 3) of '<f8' needs 48 data bytes,"
                        + " the file has 40): expected a complete .npy file");
    }

    @Test
    void rejectsTruncatedHeader() throws IOException {
        byte[] full = file("<f8", false, "(2, 3)", f8(ONE_TO_SIX));
        assertThatThrownBy(() -> read(Arrays.copyOf(full, 50)))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(PARAM).hasMessageContaining("truncated header: 40 of 118 bytes")
                .hasMessageContaining("expected a complete .npy file");
        assertThatThrownBy(() -> read(Arrays.copyOf(full, 9)))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("truncated header");
    }

    @Test
    void rejectsFileWithoutMagic() throws IOException {
        Path p = write("1,2,3\n".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> NpyReader.read(p, PARAM))
                .isInstanceOf(DataFormatException.class)
                .hasMessage("invalid --x = " + p + " (no .npy magic string): expected a NumPy .npy file"
                        + " (starting with \\x93NUMPY)");
        assertThatThrownBy(() -> read(new byte[0])).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("no .npy magic string");
    }

    @Test
    void rejectsUnknownVersion() throws IOException {
        byte[] bytes = file("<f8", false, "(1, 1)", f8(1));
        bytes[6] = 4;
        assertThatThrownBy(() -> read(bytes))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("format version 4.0").hasMessageContaining("expected a .npy file of format"
                        + " version 1.0, 2.0 or 3.0");
    }

    @Test
    void rejectsHugeHeaderLength() throws IOException {
        byte[] bytes = file(2, NpyBytes.dict("<f8", false, "(1, 1)"), f8(1));
        bytes[11] = 0x7F;
        assertThatThrownBy(() -> read(bytes))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("header length").hasMessageContaining("expected a header of at most");
    }

    @Test
    void rejectsHeaderWithMissingOrExtraKeys() throws IOException {
        String missing = "{'descr': '<f8', 'shape': (1, 1), }";
        assertThatThrownBy(() -> read(file(1, missing, f8(1))))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("header \"" + missing + "\"")
                .hasMessageContaining("exactly the keys 'descr', 'fortran_order' and 'shape'");
        String extra = "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1), 'x': 1}";
        assertThatThrownBy(() -> read(file(1, extra, f8(1))))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("exactly the keys");
    }

    @Test
    void rejectsMalformedHeader() throws IOException {
        assertThatThrownBy(() -> read(file(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1)", f8(1))))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(PARAM).hasMessageContaining("header")
                .hasMessageContaining("expected a .npy header dict");
        assertThatThrownBy(() -> read(file(1, NpyBytes.dict("<f8", false, "(1.5, 1)"), f8(1))))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("expected a .npy header dict");
        assertThatThrownBy(() -> read(file(1, NpyBytes.dict("<f8", false, "(-1, 1)"), f8(1))))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("header 'shape': [-1, 1]")
                .hasMessageContaining("expected a tuple of sizes >= 0");
        String badOrder = "{'descr': '<f8', 'fortran_order': 0, 'shape': (1, 1), }";
        assertThatThrownBy(() -> read(file(1, badOrder, f8(1))))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("'fortran_order': 0")
                .hasMessageContaining("expected True or False");
    }

    @Test
    void rejectsNonFiniteValuesNamingTheElement() throws IOException {
        Path p = write(file("<f8", false, "(2, 3)", f8(1, 2, 3, 4, 5, Double.NaN)));
        assertThatThrownBy(() -> NpyReader.read(p, PARAM))
                .isInstanceOf(DataFormatException.class)
                .hasMessage("invalid --x = " + p + " (element [1, 2] = NaN): expected finite values only (NaN and"
                        + " infinity are not allowed)");
    }

    @Test
    void nonFiniteIndexFollowsFortranOrderAndOneDimensionalShape() throws IOException {
        byte[] fortran = file("<f8", true, "(2, 3)", f8(1, 4, Double.NEGATIVE_INFINITY, 5, 3, 6));
        assertThatThrownBy(() -> read(fortran))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("element [0, 1] = -Infinity");
        byte[] vector = file("<f4", false, "(4,)", f4(1, 2, 3, Float.POSITIVE_INFINITY));
        assertThatThrownBy(() -> read(vector))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("element [3] = Infinity");
    }

    @Test
    void rejectsMissingFile() {
        Path p = dir.resolve("missing.npy");
        assertThatThrownBy(() -> NpyReader.read(p, PARAM))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage("invalid --x = " + p + ": expected an existing file (no such file)");
    }
}
