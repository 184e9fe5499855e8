package io.dualnet.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed header dict of a {@code .npy} file, e.g.
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }}, checked against what {@link NpyReader}
 * supports: a supported {@link NpyDtype} and a 1-D or 2-D, non-empty shape. A 1-D array of length n is an n&times;1
 * column.
 */
final class NpyHeader {
    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    private final NpyDtype dtype;
    private final boolean fortranOrder;
    private final List<Long> shape;
    private final int rows;
    private final int cols;

    private NpyHeader(NpyDtype dtype, boolean fortranOrder, List<Long> shape) {
        this.dtype = dtype;
        this.fortranOrder = fortranOrder;
        this.shape = shape;
        this.rows = shape.get(0).intValue();
        this.cols = shape.size() == 2 ? shape.get(1).intValue() : 1;
    }

    /**
     * Parses and checks a header.
     *
     * @param text the header text (after the length field, including padding)
     * @param path the file, for messages
     * @param parameter the parameter that named the file, for messages
     * @throws DataFormatException if the header is malformed or describes an unsupported array
     */
    static NpyHeader parse(String text, Path path, String parameter) {
        Object literal;
        try {
            literal = PythonLiteral.parse(text);
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(parameter, path, "header " + DataFormatException.quote(text.strip()) + ": "
                    + e.getMessage(), "a .npy header dict with keys 'descr', 'fortran_order' and 'shape'");
        }
        if (!(literal instanceof Map<?, ?> dict) || !dict.keySet().equals(KEYS)) {
            throw new DataFormatException(parameter, path, "header " + DataFormatException.quote(text.strip()),
                    "a .npy header dict with exactly the keys 'descr', 'fortran_order' and 'shape'");
        }
        NpyDtype dtype = dtype(dict.get("descr"), path, parameter);
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw new DataFormatException(parameter, path, "header 'fortran_order': " + dict.get("fortran_order"),
                    "True or False");
        }
        List<Long> shape = shape(dict.get("shape"), path, parameter);
        return new NpyHeader(dtype, fortran, shape);
    }

    private static NpyDtype dtype(Object descr, Path path, String parameter) {
        if (!(descr instanceof String s)) {
            String what = descr instanceof List ? "a structured dtype (record array)" : "dtype " + descr;
            throw new DataFormatException(parameter, path, what, NpyDtype.SUPPORTED);
        }
        NpyDtype dtype = NpyDtype.parse(s);
        if (dtype == null) {
            throw new DataFormatException(parameter, path, "unsupported dtype '" + s + "'", NpyDtype.SUPPORTED);
        }
        return dtype;
    }

    private static List<Long> shape(Object value, Path path, String parameter) {
        String expected = "a 1-D or 2-D array (a 1-D array of length n is read as an n x 1 column)";
        if (!(value instanceof List<?> list) || !list.stream().allMatch(d -> d instanceof Long n && n >= 0)) {
            throw new DataFormatException(parameter, path, "header 'shape': " + value, "a tuple of sizes >= 0");
        }
        @SuppressWarnings("unchecked")
        List<Long> shape = (List<Long>) list;
        String shown = "shape " + render(shape);
        if (shape.isEmpty()) {
            throw new DataFormatException(parameter, path, shown + ", a 0-D (scalar) array", expected);
        }
        if (shape.size() > 2) {
            throw new DataFormatException(parameter, path, shown + ", a " + shape.size() + "-D array", expected);
        }
        long count = 1;
        for (long d : shape) {
            count *= Math.min(d, CsvMatrixReader.MAX_ENTRIES + 1L);
            count = Math.min(count, CsvMatrixReader.MAX_ENTRIES + 1L);
        }
        if (count == 0) {
            throw new DataFormatException(parameter, path, shown + ", an empty array",
                    "an array with at least one element");
        }
        if (count > CsvMatrixReader.MAX_ENTRIES) {
            throw new DataFormatException(parameter, path, shown + ", too many elements",
                    "at most " + CsvMatrixReader.MAX_ENTRIES + " elements");
        }
        return List.copyOf(shape);
    }

    /** Renders a shape as Python would, e.g. {@code (5,)} or {@code (2, 3)}. */
    static String render(List<Long> shape) {
        if (shape.size() == 1) {
            return "(" + shape.get(0) + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(shape.get(i));
        }
        return sb.append(')').toString();
    }

    /** The element type. */
    NpyDtype dtype() {
        return dtype;
    }

    /** Whether the data is stored column-major. */
    boolean fortranOrder() {
        return fortranOrder;
    }

    /** The shape as written in the file (one or two sizes). */
    List<Long> shape() {
        return shape;
    }

    /** Rows of the matrix read: the first size. */
    int rows() {
        return rows;
    }

    /** Columns of the matrix read: the second size, or 1 for a 1-D array. */
    int cols() {
        return cols;
    }

    /** Total number of elements. */
    int count() {
        return rows * cols;
    }
}
