package io.dualnet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvMatrixReaderTest {
    private static final String PARAM = "--x";

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        return bytes(content.getBytes(StandardCharsets.UTF_8));
    }

    private Path bytes(byte[] content) throws IOException {
        Path p = dir.resolve("x.csv");
        Files.write(p, content);
        return p;
    }

    private static void assertMatrix(DMatrixRMaj m, int rows, int cols, double... values) {
        assertThat(m.numRows).isEqualTo(rows);
        assertThat(m.numCols).isEqualTo(cols);
        assertThat(m.data).hasSize(rows * cols).containsExactly(values);
    }

    @Test
    void readsPlainNumbers() throws IOException {
        DMatrixRMaj m = CsvMatrixReader.read(file("1,2,3\n4.5,-6e-3,+7\n"), PARAM);
        assertMatrix(m, 2, 3, 1, 2, 3, 4.5, -6e-3, 7);
    }

    @Test
    void readsWithoutFinalNewline() throws IOException {
        assertMatrix(CsvMatrixReader.read(file("1,2\n3,4"), PARAM), 2, 2, 1, 2, 3, 4);
    }

    @Test
    void toleratesSpacesTabsAndTrailingBlankLines() throws IOException {
        DMatrixRMaj m = CsvMatrixReader.read(file(" 1 ,\t2\n3,  4  \n\n  \n\t\n"), PARAM);
        assertMatrix(m, 2, 2, 1, 2, 3, 4);
    }

    @Test
    void toleratesCrlfAndCr() throws IOException {
        assertMatrix(CsvMatrixReader.read(file("1,2\r\n3,4\r\n\r\n"), PARAM), 2, 2, 1, 2, 3, 4);
        assertMatrix(CsvMatrixReader.read(file("1,2\r3,4\r"), PARAM), 2, 2, 1, 2, 3, 4);
    }

    @Test
    void skipsByteOrderMark() throws IOException {
        assertMatrix(CsvMatrixReader.read(file("\uFEFF1,2\n3,4\n"), PARAM), 2, 2, 1, 2, 3, 4);
    }

    @Test
    void skipsHeaderAfterByteOrderMarkWithCrlf() throws IOException {
        assertMatrix(CsvMatrixReader.read(file("\uFEFFa,b\r\n1,2\r\n"), PARAM), 1, 2, 1, 2);
    }

    @Test
    void skipsHeaderOfNonNumericTokens() throws IOException {
        assertMatrix(CsvMatrixReader.read(file("\"x1\", x2,label\n1,2,3\n"), PARAM), 1, 3, 1, 2, 3);
    }

    @Test
    void firstLineWithANumberIsData() throws IOException {
        assertThatThrownBy(() -> CsvMatrixReader.read(file("a,1\n2,3\n"), PARAM))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(PARAM).hasMessageContaining("line 1, column 1")
                .hasMessageContaining("\"a\"").hasMessageContaining("expected a number");
    }

    @Test
    void headerIsOnlyRecognisedOnTheFirstLine() throws IOException {
        assertThatThrownBy(() -> CsvMatrixReader.read(file("1,2\na,b\n"), PARAM))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("line 2, column 1").hasMessageContaining("\"a\"");
    }

    @Test
    void rejectsEmptyFile() throws IOException {
        Path p = file("");
        assertThatThrownBy(() -> CsvMatrixReader.read(p, PARAM))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith("invalid --x = " + p)
                .hasMessageContaining("expected at least one row of numbers (the file is empty)");
    }

    @Test
    void rejectsBlankOnlyFile() throws IOException {
        assertThatThrownBy(() -> CsvMatrixReader.read(file("\n  \n"), PARAM))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("the file is empty");
    }

    @Test
    void rejectsHeaderOnlyFile() throws IOException {
        Path p = file("a,b\n\n");
        assertThatThrownBy(() -> CsvMatrixReader.read(p, PARAM))
                .isInstanceOf(DataFormatException.class).hasMessageContaining(PARAM)
                .hasMessageContaining(p.toString()).hasMessageContaining("the file has only a header");
    }

    @Test
    void rejectsRaggedRowNamingLineAndCounts() throws IOException {
        Path p = file("h1,h2,h3\n1,2,3\n4,5,6\n7,8\n");
        assertThatThrownBy(() -> CsvMatrixReader.read(p, PARAM))
                .isInstanceOf(DataFormatException.class)
                .hasMessage("invalid --x = " + p + " (line 4 has 2 columns): expected 3 columns, like line 2"
                        + " (the first row of numbers)");
    }

    @Test
    void rejectsRowWithTooManyColumns() throws IOException {
        assertThatThrownBy(() -> CsvMatrixReader.read(file("1\n2,3\n"), PARAM))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("line 2 has 2 columns").hasMessageContaining("expected 1 column,");
    }

    @Test
    void rejectsNonNumericToken() throws IOException {
        Path p = file("1,2,3\n4,five,6\n");
        assertThatThrownBy(() -> CsvMatrixReader.read(p, PARAM))
                .isInstanceOf(DataFormatException.class)
                .hasMessage("invalid --x = " + p + " (line 2, column 2: \"five\"): expected a number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1..2", "--1", "1e", "0x1p3", "1d", "2f", "1,5e3e"})
    void rejectsMalformedNumbers(String token) throws IOException {
        String bad = token.contains(",") ? token.substring(token.indexOf(',') + 1) : token;
        assertThatThrownBy(() -> CsvMatrixReader.read(file("0,0\n0," + bad + "\n"), PARAM))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("line 2, column 2: \"" + bad + "\"").hasMessageContaining("expected a number");
    }

    @Test
    void rejectsEmptyValue() throws IOException {
        assertThatThrownBy(() -> CsvMatrixReader.read(file("1,2\n3, \n"), PARAM))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("line 2, column 2: empty value").hasMessageContaining("expected a number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nan", "NaN", "-nan", "inf", "-inf", "+Inf", "Infinity", "-Infinity", "1e999",
        "-1e400", "1.#INF", "nan(ind)"})
    void rejectsNonFiniteValues(String token) throws IOException {
        Path p = file("1,2\n3," + token + "\n");
        assertThatThrownBy(() -> CsvMatrixReader.read(p, PARAM))
                .isInstanceOf(DataFormatException.class)
                .hasMessage("invalid --x = " + p + " (line 2, column 2: \"" + token + "\"): expected a finite"
                        + " number (NaN and infinity are not allowed)");
    }

    @Test
    void nonFiniteFirstLineIsNotTakenForAHeader() throws IOException {
        assertThatThrownBy(() -> CsvMatrixReader.read(file("nan,inf\n1,2\n"), PARAM))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("line 1, column 1: \"nan\"").hasMessageContaining("finite");
    }

    @Test
    void rejectsBlankLineBeforeData() throws IOException {
        assertThatThrownBy(() -> CsvMatrixReader.read(file("1,2\n\n3,4\n"), PARAM))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("line 2 is blank")
                .hasMessageContaining("blank lines are allowed only at the end of the file");
    }

    @Test
    void longTokensAreShortenedAndControlCharactersHidden() throws IOException {
        String token = "x".repeat(100) + "\u0007";
        assertThatThrownBy(() -> CsvMatrixReader.read(file("1\n" + token + "\n"), PARAM))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("\"" + "x".repeat(40) + "...\"")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u0007").doesNotContain("\n"));
    }

    @Test
    void rejectsInvalidUtf8() throws IOException {
        Path p = bytes(new byte[] {'1', ',', (byte) 0xFF, '\n'});
        assertThatThrownBy(() -> CsvMatrixReader.read(p, PARAM))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(PARAM).hasMessageContaining(p.toString()).hasMessageContaining("UTF-8");
    }

    @Test
    void rejectsMissingFile() {
        Path p = dir.resolve("missing.csv");
        assertThatThrownBy(() -> CsvMatrixReader.read(p, PARAM))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage("invalid --x = " + p + ": expected an existing file (no such file)");
    }

    @Test
    void rejectsDirectory() {
        assertThatThrownBy(() -> CsvMatrixReader.read(dir, PARAM))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessageContaining(PARAM).hasMessageContaining(dir.toString())
                .hasMessageContaining("a file, not a directory");
    }
}
