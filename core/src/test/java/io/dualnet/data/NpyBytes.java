package io.dualnet.data;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds {@code .npy} file contents byte by byte, exactly as {@code numpy.save} lays them out. */
final class NpyBytes {
    private static final int ALIGN = 64;

    private NpyBytes() {
    }

    /** The header dict NumPy writes, e.g. {@code {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }}. */
    static String dict(String descr, boolean fortran, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape
                + ", }";
    }

    /**
     * A complete file: magic, version {@code major}.0, little-endian header length (uint16 for version 1, uint32
     * otherwise), the dict padded with spaces and a final newline to a multiple of 64 bytes, then {@code data}.
     */
    static byte[] file(int major, String dict, byte[] data) {
        int lengthBytes = major == 1 ? 2 : 4;
        int prefix = 6 + 2 + lengthBytes;
        byte[] text = dict.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int pad = ALIGN - (prefix + text.length + 1) % ALIGN;
        int headerLength = text.length + pad + 1;
        ByteBuffer length = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(headerLength);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        out.write(length.array(), 0, lengthBytes);
        out.writeBytes(text);
        out.writeBytes(" ".repeat(pad).getBytes(StandardCharsets.US_ASCII));
        out.write('\n');
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** A version 1.0 file. */
    static byte[] file(String descr, boolean fortran, String shape, byte[] data) {
        return file(1, dict(descr, fortran, shape), data);
    }

    /** Doubles in the given byte order. */
    static byte[] f8(ByteOrder order, double... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(order);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    /** Little-endian doubles. */
    static byte[] f8(double... values) {
        return f8(ByteOrder.LITTLE_ENDIAN, values);
    }

    /** Little-endian floats. */
    static byte[] f4(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    /** Integers of {@code size} bytes each (1, 2, 4 or 8) in the given byte order. */
    static byte[] ints(int size, ByteOrder order, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * size).order(order);
        for (long v : values) {
            switch (size) {
                case 1 -> b.put((byte) v);
                case 2 -> b.putShort((short) v);
                case 4 -> b.putInt((int) v);
                default -> b.putLong(v);
            }
        }
        return b.array();
    }

    /** Little-endian integers of {@code size} bytes each. */
    static byte[] ints(int size, long... values) {
        return ints(size, ByteOrder.LITTLE_ENDIAN, values);
    }
}
