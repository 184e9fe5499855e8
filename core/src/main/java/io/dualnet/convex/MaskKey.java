package io.dualnet.convex;

import java.util.Arrays;

/**
 * A bitset (pattern mask or sign vector) as a hash key: equality and hash code by content. The array is not copied;
 * callers must not modify it while the key is in use.
 *
 * @param bits the words of the bitset
 */
public record MaskKey(long[] bits) {

    @Override
    public boolean equals(Object o) {
        return o instanceof MaskKey k && Arrays.equals(bits, k.bits);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        return Arrays.toString(bits);
    }
}
