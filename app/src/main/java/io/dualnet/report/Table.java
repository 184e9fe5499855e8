package io.dualnet.report;

import io.dualnet.data.InvalidInputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A table of the report: rendered as HTML and saved next to the report as {@code <section-id>/<name>.csv}.
 *
 * @param name filename-safe name of the CSV file ({@code [A-Za-z0-9_-][A-Za-z0-9._-]*}, unique within a section)
 * @param caption caption text
 * @param header column names
 * @param rows rows of cell texts, each as long as the header (see {@link #row(Object...)} for formatting numbers)
 */
public record Table(String name, String caption, List<String> header, List<List<String>> rows)
        implements SectionItem {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    /** Validates every field and copies the lists. */
    public Table {
        if (name == null || !SAFE_NAME.matcher(name).matches()) {
            throw new InvalidInputException("name", name, "a filename-safe table name ([A-Za-z0-9._-])");
        }
        if (caption == null) {
            throw new InvalidInputException("caption", null, "a caption (may be empty)");
        }
        if (header == null || header.isEmpty() || header.stream().anyMatch(Objects::isNull)) {
            throw new InvalidInputException("header", header, "a non-empty list of column names");
        }
        if (rows == null) {
            throw new InvalidInputException("rows", null, "a list of rows");
        }
        header = List.copyOf(header);
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            if (row == null || row.size() != header.size() || row.stream().anyMatch(Objects::isNull)) {
                throw new InvalidInputException("rows[" + i + "]", row,
                        header.size() + " non-null cells (one per header column)");
            }
            copy.add(List.copyOf(row));
        }
        rows = List.copyOf(copy);
    }

    /**
     * Formats a row: doubles with 6 significant digits ({@code NaN}, {@code Infinity} spelled out), other values
     * with {@link String#valueOf(Object)}.
     */
    public static List<String> row(Object... cells) {
        List<String> row = new ArrayList<>(cells.length);
        for (Object cell : cells) {
            row.add(format(cell));
        }
        return row;
    }

    /** Formats one cell as {@link #row(Object...)} does. */
    public static String format(Object cell) {
        if (cell instanceof Double || cell instanceof Float) {
            double v = ((Number) cell).doubleValue();
            if (v == 0) {
                return "0";
            }
            if (!Double.isFinite(v)) {
                return String.valueOf(v);
            }
            double abs = Math.abs(v);
            return abs >= 1e-4 && abs < 1e6 ? stripZeros(String.format(Locale.ROOT, "%.6g", v))
                    : String.format(Locale.ROOT, "%.5e", v);
        }
        return String.valueOf(cell);
    }

    private static String stripZeros(String s) {
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** The table as CSV text (RFC 4180, header first). */
    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).build();
        try (CSVPrinter printer = new CSVPrinter(sb, format)) {
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }
}
