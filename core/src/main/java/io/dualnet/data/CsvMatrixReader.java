package io.dualnet.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/**
 * Reads a matrix from a CSV file of plain numbers: one sample per row, values separated by commas.
 *
 * <p>Accepted: UTF-8 text with or without a byte-order mark; LF, CRLF or CR line ends; spaces and tabs around
 * values; blank lines at the end of the file; a header on the first line, recognised by containing no number at
 * all (it is skipped, and its column count is not checked). Numbers are decimal, as accepted by
 * {@link Double#parseDouble} but restricted to the characters {@code 0-9 + - . e E} (no hex, no {@code d}/{@code f}
 * suffixes, no quotes).
 *
 * <p>Rejected, with a one-line {@link DataFormatException} naming the parameter, the file, the line and column (both
 * 1-based) and what was expected: a file without numeric rows, rows whose column count differs from the first
 * data row, non-numeric or empty values, non-finite values ({@code nan}, {@code inf}, {@code Infinity},
 * {@code 1e999}, ...), and blank lines before the last data row. A missing or unreadable file is an
 * {@link InvalidInputException}.
 *
 * <p>The tokenizer is hand-written (no regular expressions), so large files such as 12000&times;784 parse in about
 * a second.
 */
public final class CsvMatrixReader {
    /** Largest number of entries a {@link DMatrixRMaj} can hold. */
    static final int MAX_ENTRIES = Integer.MAX_VALUE - 8;

    private static final int BUFFER_CHARS = 1 << 16;
    private static final char BOM = '\uFEFF';

    private final Path path;
    private final String parameter;
    private double[] values = new double[1024];
    private int size;
    private int rows;
    private int cols = -1;
    private int firstDataLine;

    private CsvMatrixReader(Path path, String parameter) {
        this.path = path;
        this.parameter = parameter;
    }

    /**
     * Reads the CSV file at {@code path}.
     *
     * @param path the file
     * @param parameter the name of the parameter that named the file, used in error messages (e.g. {@code --x})
     * @return a rows&times;cols matrix, one row per data line
     * @throws InvalidInputException if the file is missing or unreadable, or (as {@link DataFormatException}) if
     *     its content is not a rectangular table of finite numbers
     */
    public static DMatrixRMaj read(Path path, String parameter) {
        FileErrors.requireReadableFile(path, parameter);
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8.newDecoder()),
                BUFFER_CHARS)) {
            return new CsvMatrixReader(path, parameter).parse(in);
        } catch (IOException e) {
            throw FileErrors.cannotRead(path, parameter, e);
        }
    }

    private DMatrixRMaj parse(BufferedReader in) throws IOException {
        int lineNo = 0;
        int firstBlank = 0;
        boolean header = false;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == BOM) {
                line = line.substring(1);
            }
            if (isBlank(line)) {
                firstBlank = firstBlank == 0 ? lineNo : firstBlank;
                continue;
            }
            if (firstBlank != 0) {
                throw error("line " + firstBlank + " is blank",
                        "a row of numbers (blank lines are allowed only at the end of the file)");
            }
            if (lineNo == 1 && isHeader(line)) {
                header = true;
                continue;
            }
            parseRow(line, lineNo);
        }
        if (rows == 0) {
            throw error(null, "at least one row of numbers (the file " + (header ? "has only a header" : "is empty")
                    + ")");
        }
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        System.arraycopy(values, 0, m.data, 0, size);
        return m;
    }

    private void parseRow(String line, int lineNo) {
        int count = 1;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ',') {
                count++;
            }
        }
        if (cols < 0) {
            cols = count;
            firstDataLine = lineNo;
        } else if (count != cols) {
            throw error("line " + lineNo + " has " + count + " column" + (count == 1 ? "" : "s"),
                    cols + " column" + (cols == 1 ? "" : "s") + ", like line " + firstDataLine
                            + " (the first row of numbers)");
        }
        if ((long) size + count > MAX_ENTRIES) {
            throw error("more than " + MAX_ENTRIES + " numbers", "at most " + MAX_ENTRIES + " numbers in total");
        }
        ensureCapacity(size + count);
        int start = 0;
        for (int col = 1; col <= count; col++) {
            int end = line.indexOf(',', start);
            if (end < 0) {
                end = line.length();
            }
            values[size++] = parseValue(line, start, end, lineNo, col);
            start = end + 1;
        }
        rows++;
    }

    private double parseValue(String line, int from, int to, int lineNo, int col) {
        while (from < to && isSpace(line.charAt(from))) {
            from++;
        }
        while (to > from && isSpace(line.charAt(to - 1))) {
            to--;
        }
        String where = "line " + lineNo + ", column " + col + ": ";
        if (from == to) {
            throw error(where + "empty value", "a number");
        }
        String token = line.substring(from, to);
        if (hasOnlyNumberChars(token)) {
            double v;
            try {
                v = Double.parseDouble(token);
            } catch (NumberFormatException e) {
                throw error(where + DataFormatException.quote(token), "a number");
            }
            if (Double.isFinite(v)) {
                return v;
            }
        } else if (!isNonFiniteWord(token)) {
            throw error(where + DataFormatException.quote(token), "a number");
        }
        throw error(where + DataFormatException.quote(token), "a finite number (NaN and infinity are not allowed)");
    }

    /** A header line has no token that looks like a number (finite or not). */
    private static boolean isHeader(String line) {
        int start = 0;
        while (start <= line.length()) {
            int end = line.indexOf(',', start);
            if (end < 0) {
                end = line.length();
            }
            String token = line.substring(start, end).strip();
            if (isNonFiniteWord(token) || hasOnlyNumberChars(token) && isParsable(token)) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }

    private static boolean isParsable(String token) {
        try {
            Double.parseDouble(token);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether {@code token} is non-empty and made of the characters {@code 0-9 + - . e E} only. */
    static boolean hasOnlyNumberChars(String token) {
        if (token.isEmpty()) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                return false;
            }
        }
        return true;
    }

    /** NaN and infinity as spelled by NumPy, R, Java, C and MSVC: nan, NaN, inf, Infinity, 1.#INF, nan(ind)... */
    static boolean isNonFiniteWord(String token) {
        String s = token.toLowerCase(Locale.ROOT);
        if (s.startsWith("+") || s.startsWith("-")) {
            s = s.substring(1);
        }
        return s.equals("nan") || s.equals("inf") || s.equals("infinity") || s.startsWith("nan(")
                || s.startsWith("1.#");
    }

    private static boolean isBlank(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (!isSpace(line.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private void ensureCapacity(int needed) {
        if (needed > values.length) {
            long grown = Math.max(needed, (long) values.length * 2);
            values = Arrays.copyOf(values, (int) Math.min(grown, MAX_ENTRIES));
        }
    }

    private DataFormatException error(String where, String expected) {
        return new DataFormatException(parameter, path, where, expected);
    }
}
