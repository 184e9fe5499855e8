package io.dualnet.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * Reads a data set in the sparse LIBSVM / SVMlight text format: one sample per line,
 * {@code label index:value index:value ...}, with 1-based feature indices in strictly increasing order; features not
 * listed are 0.
 *
 * <p>Accepted: UTF-8 text, plain or gzip-compressed (recognised by content); spaces and tabs between tokens; comments
 * from {@code #} to the end of a line; blank and comment-only lines anywhere; samples without any feature. Labels and
 * values are decimal numbers as in {@link CsvMatrixReader} ({@code +1}, {@code -1}, {@code 0.5}, {@code 1e-3}). The
 * dimension is the largest index in the file, or a given dimension that every index must fit in.
 *
 * <p>Rejected, with a one-line {@link DataFormatException} naming the parameter, the file, the line (1-based) and the
 * token: a non-numeric or non-finite label or value, one of magnitude above {@link InputLimits#MAX_MAGNITUDE}, a
 * token that is not {@code index:value}, an index below 1, above the given dimension, or not above the previous index
 * of its line, and a file without samples. The result is dense, so {@code n * d} must fit in one array and in the
 * free heap ({@link InputLimits#requireAllocatable}), checked before it is allocated.
 */
public final class LibsvmReader {
    private static final String PAIR = "index:value with an integer index >= 1 and a finite number";

    private final Path path;
    private final String parameter;
    private final int fixedDimension;
    private double[] labels = new double[256];
    private int[] rowStart = new int[257];
    private int[] indices = new int[1024];
    private double[] values = new double[1024];
    private int rows;
    private int entries;
    private int maxIndex;

    private LibsvmReader(Path path, String parameter, int fixedDimension) {
        this.path = path;
        this.parameter = parameter;
        this.fixedDimension = fixedDimension;
    }

    /**
     * Reads the file at {@code path}, with as many features as its largest index.
     *
     * @param path the file
     * @param parameter the name of the parameter that named the file, used in error messages (e.g. {@code --data})
     * @return {@code x} ({@code n x d}, dense) and the labels
     * @throws InvalidInputException if the file is missing or unreadable, or (as {@link DataFormatException}) not in
     *     the format
     */
    public static LabeledData read(Path path, String parameter) {
        return parse(path, parameter, 0);
    }

    /**
     * Reads the file at {@code path} with exactly {@code dimension} features (e.g. to give a test file the dimension of
     * its training file).
     *
     * @param dimension the number of features, {@code >= 1}; every index must be at most this
     * @see #read(Path, String)
     */
    public static LabeledData read(Path path, String parameter, int dimension) {
        InvalidInputException.requireAtLeast("dimension", dimension, 1);
        return parse(path, parameter, dimension);
    }

    private static LabeledData parse(Path path, String parameter, int dimension) {
        FileErrors.requireReadableFile(path, parameter);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(CompressedFiles.open(path),
                StandardCharsets.UTF_8.newDecoder()), CompressedFiles.BUFFER_BYTES)) {
            return new LibsvmReader(path, parameter, dimension).parse(in);
        } catch (IOException e) {
            throw CompressedFiles.readError(path, parameter, e);
        }
    }

    private LabeledData parse(BufferedReader in) throws IOException {
        int lineNo = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            int hash = line.indexOf('#');
            parseLine(hash < 0 ? line : line.substring(0, hash), lineNo);
        }
        if (rows == 0) {
            throw new DataFormatException(parameter, path, null,
                    "at least one sample line \"label index:value ...\" (the file has none)");
        }
        int d = fixedDimension > 0 ? fixedDimension : Math.max(1, maxIndex);
        InputLimits.requireAllocatable(parameter, path, rows + " samples of dimension " + d + " (stored dense)",
                (long) rows * d);
        DMatrixRMaj x = new DMatrixRMaj(rows, d);
        for (int r = 0; r < rows; r++) {
            for (int e = rowStart[r]; e < rowStart[r + 1]; e++) {
                x.data[r * d + indices[e] - 1] = values[e];
            }
        }
        return new LabeledData(x, Arrays.copyOf(labels, rows));
    }

    private void parseLine(String line, int lineNo) {
        int pos = 0;
        int len = line.length();
        int token = 0;
        int previous = 0;
        while (true) {
            while (pos < len && isSpace(line.charAt(pos))) {
                pos++;
            }
            if (pos == len) {
                break;
            }
            int end = pos;
            while (end < len && !isSpace(line.charAt(end))) {
                end++;
            }
            token++;
            String t = line.substring(pos, end);
            String where = "line " + lineNo + ", token " + token + ": " + DataFormatException.quote(t);
            if (token == 1) {
                addLabel(number(t, where, "a label (a finite number)"));
            } else {
                int colon = t.indexOf(':');
                if (colon < 0) {
                    throw error(where, PAIR);
                }
                int index = index(t.substring(0, colon), where);
                if (index <= previous) {
                    throw error(where, "an index above " + previous
                            + ", the previous one on the line (indices strictly increasing)");
                }
                if (fixedDimension > 0 && index > fixedDimension) {
                    throw error(where, "an index <= " + fixedDimension + ", the given dimension");
                }
                previous = index;
                addEntry(index, number(t.substring(colon + 1), where, PAIR));
            }
            pos = end;
        }
    }

    private int index(String s, String where) {
        if (s.isEmpty() || s.length() > 10) {
            throw error(where, PAIR);
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw error(where, PAIR);
            }
            v = v * 10 + (c - '0');
        }
        if (v < 1 || v > Integer.MAX_VALUE) {
            throw error(where, PAIR);
        }
        return (int) v;
    }

    private double number(String s, String where, String expected) {
        if (!CsvMatrixReader.hasOnlyNumberChars(s)) {
            throw error(where, expected);
        }
        try {
            double v = Double.parseDouble(s);
            if (Double.isFinite(v)) {
                InputLimits.requireMagnitude(parameter, path, where, v);
                return v;
            }
        } catch (NumberFormatException e) {
            throw error(where, expected);
        }
        throw error(where, expected + " (NaN and infinity are not allowed)");
    }

    private void addLabel(double label) {
        if (rows + 1 >= labels.length) {
            labels = Arrays.copyOf(labels, labels.length * 2);
            rowStart = Arrays.copyOf(rowStart, labels.length + 1);
        }
        rowStart[rows] = entries;
        labels[rows++] = label;
        rowStart[rows] = entries;
    }

    private void addEntry(int index, double value) {
        if (entries == indices.length) {
            if (entries >= CsvMatrixReader.MAX_ENTRIES) {
                throw new DataFormatException(parameter, path, "more than " + entries + " index:value pairs",
                        "at most " + CsvMatrixReader.MAX_ENTRIES + " non-zero entries");
            }
            int grown = (int) Math.min(2L * entries, CsvMatrixReader.MAX_ENTRIES);
            indices = Arrays.copyOf(indices, grown);
            values = Arrays.copyOf(values, grown);
        }
        indices[entries] = index;
        values[entries++] = value;
        rowStart[rows] = entries;
        maxIndex = Math.max(maxIndex, index);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private DataFormatException error(String where, String expected) {
        return new DataFormatException(parameter, path, where, expected);
    }
}
