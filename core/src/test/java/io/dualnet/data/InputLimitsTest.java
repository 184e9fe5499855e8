package io.dualnet.data;

import static io.dualnet.data.NpyBytes.f8;
import static io.dualnet.data.NpyBytes.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Declared sizes are checked before allocating, and data magnitudes are bounded, the same way for every reader. */
class InputLimitsTest {
    @TempDir
    Path dir;

    @Test
    void npyDeclaringMoreDataThanTheFileHoldsIsRejectedBeforeAllocating() throws IOException {
        Path p = dir.resolve("x.npy");
        Files.write(p, file("<f8", false, "(40000, 40000)", f8(1, 2, 3)));
        assertThatThrownBy(() -> NpyReader.read(p, "--x")).isInstanceOf(DataFormatException.class)
                .hasMessage("invalid --x = " + p + " (truncated data: shape (40000, 40000) of '<f8' needs "
                        + "12800000000 data bytes, the file has 24): expected a complete .npy file");
    }

    @Test
    void sizeBeyondTheFreeHeapNamesTheMemoryNeeded() {
        long count = InputLimits.freeHeapBytes() / Double.BYTES + 1;
        assertThatThrownBy(() -> InputLimits.requireAllocatable("--x", dir.resolve("x.npy"), "shape (" + count
                + ",)", count)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("needs " + InputLimits.bytes(count * Double.BYTES) + " of memory")
                .hasMessageContaining("of free Java heap");
    }

    @Test
    void moreThanOneArrayCanHoldIsRejected() {
        assertThatThrownBy(() -> InputLimits.requireAllocatable("--n", null, "3000000000 samples", 3_000_000_000L))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid --n = 3000000000 samples (3000000000 values): expected at most 2147483639 "
                        + "values (the largest Java array)");
    }

    @Test
    void libsvmIndexBeyondTheHeapIsRejectedBeforeTheDenseMatrixIsAllocated() throws IOException {
        Path p = dir.resolve("a.libsvm");
        long index = Math.min(Integer.MAX_VALUE - 8, InputLimits.freeHeapBytes() / Double.BYTES + 1);
        Files.writeString(p, "1 " + index + ":1\n");
        assertThatThrownBy(() -> LibsvmReader.read(p, "--libsvm")).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("1 samples of dimension " + index + " (stored dense)");
    }

    @Test
    void hugeFiniteValuesAreRejectedNamingTheElementAndTheLimit() throws IOException {
        Path csv = dir.resolve("x.csv");
        Files.writeString(csv, "1,2\n3,1e308\n");
        assertThatThrownBy(() -> MatrixFiles.readData(csv, "--x")).isInstanceOf(DataFormatException.class)
                .hasMessage("invalid --x = " + csv + " (element [1, 1] = 1.0E308): expected values of magnitude at "
                        + "most 1e+100 (larger ones overflow when squared; rescale the data)");
        // the plain reader keeps reading back what the writers write
        assertThat(MatrixFiles.read(csv, "--x").get(1, 1)).isEqualTo(1e308);
        Path svm = dir.resolve("x.libsvm");
        Files.writeString(svm, "1 1:-1e200\n");
        assertThatThrownBy(() -> LibsvmReader.read(svm, "--libsvm")).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("(line 1, token 2: \"1:-1e200\"): expected values of magnitude at most 1e+100");
    }

    @Test
    void bytesAreShownForPeople() {
        assertThat(InputLimits.bytes(12_800_000_000L)).isEqualTo("12.8 GB");
        assertThat(InputLimits.bytes(160_000_000L)).isEqualTo("160 MB");
        assertThat(InputLimits.bytes(3_000L)).isEqualTo("3 kB");
    }
}
