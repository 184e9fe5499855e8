package io.dualnet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LibsvmReaderTest {
    private static final String PARAM = "--data";

    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        Path p = dir.resolve("data.libsvm");
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void readsSparseLinesWithCommentsAndBlankLines() throws IOException {
        Path p = write("# a header comment\n"
                + "+1 1:0.5 3:-2\n"
                + "\n"
                + "-1\t2:1e-3   4:4 # trailing comment\n"
                + "   \n"
                + "0.25\n");
        LabeledData d = LibsvmReader.read(p, PARAM);
        assertThat(d.y()).containsExactly(1, -1, 0.25);
        assertThat(d.x().numRows).isEqualTo(3);
        assertThat(d.x().numCols).isEqualTo(4);
        assertThat(d.x().data).containsExactly(
                0.5, 0, -2, 0,
                0, 1e-3, 0, 4,
                0, 0, 0, 0);
    }

    @Test
    void givenDimensionPadsAndBoundsTheIndices() throws IOException {
        Path p = write("1 2:3\n-1 1:1\n");
        LabeledData d = LibsvmReader.read(p, PARAM, 5);
        assertThat(d.x().numCols).isEqualTo(5);
        assertThat(d.x().data).containsExactly(0, 3, 0, 0, 0, 1, 0, 0, 0, 0);
        assertThatThrownBy(() -> LibsvmReader.read(p, PARAM, 1))
                .isExactlyInstanceOf(DataFormatException.class)
                .hasMessage("invalid " + PARAM + " = " + p + " (line 1, token 2: \"2:3\"): expected an index <= 1, "
                        + "the given dimension");
        assertThatThrownBy(() -> LibsvmReader.read(p, PARAM, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("dimension");
    }

    @Test
    void readsGzipCompressedFiles() throws IOException {
        Path p = dir.resolve("data.gz");
        Files.write(p, IdxReaderTest.gzip("1 1:2\n-1 2:3\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(LibsvmReader.read(p, PARAM).x().data).containsExactly(2, 0, 0, 3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "1 1:2 x:3 | line 1, token 3: \"x:3\" | index:value with an integer index >= 1 and a finite number",
        "1 0:2 | line 1, token 2: \"0:2\" | index:value with an integer index >= 1 and a finite number",
        "1 1:2 3 | line 1, token 3: \"3\" | index:value with an integer index >= 1 and a finite number",
        "1 1:abc | line 1, token 2: \"1:abc\" | index:value with an integer index >= 1 and a finite number",
        "1 1:nan | line 1, token 2: \"1:nan\" | index:value with an integer index >= 1 and a finite number",
        "1 1:1e999 | line 1, token 2: \"1:1e999\" | index:value with an integer index >= 1 and a finite number "
                + "(NaN and infinity are not allowed)",
        "yes 1:2 | line 1, token 1: \"yes\" | a label (a finite number)",
        "1 3:1 2:1 | line 1, token 3: \"2:1\" | an index above 3, the previous one on the line (indices strictly "
                + "increasing)",
        "1 2:1 2:5 | line 1, token 3: \"2:5\" | an index above 2, the previous one on the line (indices strictly "
                + "increasing)",
        "1 99999999999:1 | line 1, token 2: \"99999999999:1\" | index:value with an integer index >= 1 and a finite "
                + "number",
    })
    void rejectsMalformedTokens(String line, String where, String expected) throws IOException {
        Path p = write("-1 1:1\n" + line + "\n");
        assertThatThrownBy(() -> LibsvmReader.read(p, PARAM))
                .isExactlyInstanceOf(DataFormatException.class)
                .hasMessage("invalid " + PARAM + " = " + p + " (" + where.replace("line 1", "line 2") + "): expected "
                        + expected);
    }

    @Test
    void rejectsFilesWithoutSamples() throws IOException {
        Path p = write("# only a comment\n\n");
        assertThatThrownBy(() -> LibsvmReader.read(p, PARAM))
                .isExactlyInstanceOf(DataFormatException.class)
                .hasMessage("invalid " + PARAM + " = " + p + ": expected at least one sample line "
                        + "\"label index:value ...\" (the file has none)");
    }

    @Test
    void manySamplesGrowTheBuffers() throws IOException {
        StringBuilder sb = new StringBuilder();
        int n = 1000;
        for (int i = 0; i < n; i++) {
            sb.append(i % 2 == 0 ? "+1" : "-1").append(' ').append(1 + i % 7).append(':').append(i).append('\n');
        }
        LabeledData d = LibsvmReader.read(write(sb.toString()), PARAM);
        assertThat(d.samples()).isEqualTo(n);
        assertThat(d.features()).isEqualTo(7);
        for (int i = 0; i < n; i++) {
            assertThat(d.x().get(i, i % 7)).isEqualTo(i);
            assertThat(d.y()[i]).isEqualTo(i % 2 == 0 ? 1 : -1);
        }
        assertThat(d.signCounts()).containsExactly(n / 2, n / 2);
    }

    @Test
    void missingFileIsAnInputError() {
        Path missing = dir.resolve("missing.libsvm");
        assertThatThrownBy(() -> LibsvmReader.read(missing, PARAM))
                .isExactlyInstanceOf(InvalidInputException.class).hasMessageContaining("no such file");
    }
}
