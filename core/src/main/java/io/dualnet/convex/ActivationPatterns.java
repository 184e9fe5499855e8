package io.dualnet.convex;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A de-duplicated, ordered set of {@code P} activation patterns {@code D_i = diag(1[X g_i >= 0])} over {@code n}
 * samples (paper 002 Appendix A; spec §1.3), stored compactly as bitsets: {@code P * ceil(n/64)} longs, never as
 * dense {@code n x P x d} data. Bit {@code k} of pattern {@code i} is 1 when sample {@code k} is active.
 *
 * <p>An immutable value; the all-zero pattern (which contributes nothing to the model) is dropped on construction.
 */
public final class ActivationPatterns {
    private final int samples;
    private final int words;
    private final long[][] bits;

    private ActivationPatterns(int samples, long[][] bits) {
        this.samples = samples;
        this.words = wordsFor(samples);
        this.bits = bits;
    }

    static int wordsFor(int samples) {
        return (samples + 63) >>> 6;
    }

    /**
     * Patterns from raw bitsets, de-duplicated in order; all-zero patterns are dropped.
     *
     * @param samples {@code n >= 1}
     * @param masks each of length {@code ceil(n/64)}, bits at or beyond {@code n} zero (copied)
     */
    public static ActivationPatterns of(int samples, List<long[]> masks) {
        InvalidInputException.requireAtLeast("samples", samples, 1);
        Objects.requireNonNull(masks, "masks");
        int w = wordsFor(samples);
        Set<Key> seen = new LinkedHashSet<>();
        for (long[] m : masks) {
            if (m.length != w) {
                throw new MatrixDimensionException("masks", m.length + " words", w + " words for " + samples + " samples");
            }
            long[] c = m.clone();
            int tail = samples & 63;
            if (tail != 0) {
                c[w - 1] &= (1L << tail) - 1;
            }
            boolean zero = true;
            for (long v : c) {
                zero &= v == 0;
            }
            if (!zero) {
                seen.add(new Key(c));
            }
        }
        long[][] out = new long[seen.size()][];
        int i = 0;
        for (Key k : seen) {
            out[i++] = k.bits;
        }
        return new ActivationPatterns(samples, out);
    }

    /**
     * The patterns {@code 1[features g_j >= 0]} of the columns {@code g_j} of {@code gates}, de-duplicated.
     *
     * @param features {@code n x d'}
     * @param gates {@code d' x m}
     */
    public static ActivationPatterns fromGates(DMatrixRMaj features, DMatrixRMaj gates) {
        if (features.numCols != gates.numRows) {
            throw new MatrixDimensionException("gates", Matrices.shape(gates),
                    features.numCols + " rows (the feature count)");
        }
        DMatrixRMaj z = Linalg.get().mult(features, gates);
        int n = features.numRows;
        int m = gates.numCols;
        List<long[]> masks = new ArrayList<>(m);
        for (int j = 0; j < m; j++) {
            long[] b = new long[wordsFor(n)];
            for (int k = 0; k < n; k++) {
                if (z.data[k * m + j] >= 0) {
                    b[k >>> 6] |= 1L << (k & 63);
                }
            }
            masks.add(b);
        }
        return of(n, masks);
    }

    /** The union of this set and {@code other} (this set's order first), de-duplicated. */
    public ActivationPatterns union(ActivationPatterns other) {
        if (other.samples != samples) {
            throw new MatrixDimensionException("other", other.samples + " samples", samples + " samples");
        }
        List<long[]> all = new ArrayList<>(Arrays.asList(bits));
        all.addAll(Arrays.asList(other.bits));
        return of(samples, all);
    }

    /** Number of samples {@code n}. */
    public int samples() {
        return samples;
    }

    /** Number of patterns {@code P}. */
    public int count() {
        return bits.length;
    }

    /** Whether sample {@code k} is active in pattern {@code i}. */
    public boolean active(int i, int k) {
        return (bits[i][k >>> 6] >>> (k & 63) & 1L) != 0;
    }

    /** Number of active samples of pattern {@code i}. */
    public int activeCount(int i) {
        int c = 0;
        for (long v : bits[i]) {
            c += Long.bitCount(v);
        }
        return c;
    }

    /** The bitset of pattern {@code i} (a copy, {@code ceil(n/64)} words). */
    public long[] mask(int i) {
        return bits[i].clone();
    }

    /** Whether the set contains the pattern {@code mask}. */
    public boolean contains(long[] mask) {
        for (long[] b : bits) {
            if (Arrays.equals(b, mask)) {
                return true;
            }
        }
        return false;
    }

    /** Bytes used by the bitsets (for memory reports). */
    public long bytes() {
        return (long) bits.length * words * Long.BYTES;
    }

    private record Key(long[] bits) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bits, k.bits);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bits);
        }
    }
}
