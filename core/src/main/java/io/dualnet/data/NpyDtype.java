package io.dualnet.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The NumPy element types {@link NpyReader} converts to {@code double}: floats {@code f4}, {@code f8}; signed
 * integers {@code i1}..{@code i8}; unsigned integers {@code u1}..{@code u8}; and bool {@code b1} (read as 0 or 1,
 * any non-zero byte being true). Multi-byte types may be little-endian ({@code <}) or big-endian ({@code >});
 * {@code =} means the platform order; 1-byte types may use any order character, usually {@code |}.
 */
final class NpyDtype {
    /** The accepted dtypes, for error messages. */
    static final String SUPPORTED = "a real numeric dtype: '<f8' or '<f4' (float), '<i8', '<i4', '<i2', '|i1', '<u8',"
            + " '<u4', '<u2', '|u1' (integer) or '|b1' (bool, read as 0/1); big-endian '>' also accepted";

    private final String descr;
    private final char kind;
    private final int size;
    private final ByteOrder order;

    private NpyDtype(String descr, char kind, int size, ByteOrder order) {
        this.descr = descr;
        this.kind = kind;
        this.size = size;
        this.order = order;
    }

    /**
     * Parses a NumPy type string such as {@code <f8}.
     *
     * @return the dtype, or {@code null} if it is not one of the supported ones
     */
    static NpyDtype parse(String descr) {
        if (descr.length() != 3) {
            return null;
        }
        char orderChar = descr.charAt(0);
        char kind = descr.charAt(1);
        int size = descr.charAt(2) - '0';
        boolean known = switch (kind) {
            case 'f' -> size == 4 || size == 8;
            case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
            case 'b' -> size == 1;
            default -> false;
        };
        if (!known) {
            return null;
        }
        ByteOrder order;
        switch (orderChar) {
            case '<' -> order = ByteOrder.LITTLE_ENDIAN;
            case '>' -> order = ByteOrder.BIG_ENDIAN;
            case '=' -> order = ByteOrder.nativeOrder();
            case '|' -> {
                if (size != 1) {
                    return null;
                }
                order = ByteOrder.LITTLE_ENDIAN;
            }
            default -> {
                return null;
            }
        }
        return new NpyDtype(descr, kind, size, order);
    }

    /** The type string as found in the header, e.g. {@code <f8}. */
    String descr() {
        return descr;
    }

    /** Bytes per element. */
    int size() {
        return size;
    }

    /** Byte order of multi-byte elements. */
    ByteOrder order() {
        return order;
    }

    /** Whether values of this type can be NaN or infinite. */
    boolean isFloat() {
        return kind == 'f';
    }

    /** Decodes the element at byte offset {@code pos} of {@code buf}, whose order must be {@link #order()}. */
    double get(ByteBuffer buf, int pos) {
        return switch (kind) {
            case 'f' -> size == 8 ? buf.getDouble(pos) : buf.getFloat(pos);
            case 'i' -> switch (size) {
                case 1 -> buf.get(pos);
                case 2 -> buf.getShort(pos);
                case 4 -> buf.getInt(pos);
                default -> buf.getLong(pos);
            };
            case 'u' -> switch (size) {
                case 1 -> buf.get(pos) & 0xFF;
                case 2 -> buf.getShort(pos) & 0xFFFF;
                case 4 -> buf.getInt(pos) & 0xFFFFFFFFL;
                default -> unsigned(buf.getLong(pos));
            };
            default -> buf.get(pos) != 0 ? 1.0 : 0.0;
        };
    }

    private static double unsigned(long v) {
        // halve with a sticky bit so the conversion rounds exactly once
        return v >= 0 ? v : ((v >>> 1) | (v & 1)) * 2.0;
    }
}
