package io.dualnet.convex;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A de-duplicated, ordered set of {@code P} activation patterns {@code D_i = diag(1[X g_i >= 0])} over {@code n}
 * samples (paper 002 Appendix A; spec §1.3), stored compactly as bitsets: {@code P * ceil(n/64)} longs, never as
 * dense {@code n x P x d} data. Bit {@code k} of pattern {@code i} is 1 when sample {@code k} is active.
 *
 * <p>Each pattern may carry a <em>generator</em> {@code g_i} (a vector of {@code d'} entries with
 * {@code D_i = diag(1[X g_i >= 0])}): the gate of a gated ReLU neuron, and an interior direction of the pattern's
 * cone {@code {u : (2 D_i - I) X u >= 0}} when it was found by enumeration or sampling. Patterns given as raw masks
 * have none.
 *
 * <p>An immutable value; the all-zero pattern (which contributes nothing to the model) is dropped on construction.
 */
public final class ActivationPatterns {
    private final int samples;
    private final int words;
    private final long[][] bits;
    private final double[][] generators;
    private final Map<MaskKey, Integer> index;

    private ActivationPatterns(int samples, long[][] bits, double[][] generators, Map<MaskKey, Integer> index) {
        this.samples = samples;
        this.words = wordsFor(samples);
        this.bits = bits;
        this.generators = generators;
        this.index = index;
    }

    static int wordsFor(int samples) {
        return (samples + 63) >>> 6;
    }

    /**
     * Patterns from raw bitsets, de-duplicated in order, without generators; all-zero patterns are dropped.
     *
     * @param samples {@code n >= 1}
     * @param masks each of length {@code ceil(n/64)}, bits at or beyond {@code n} ignored (copied)
     */
    public static ActivationPatterns of(int samples, List<long[]> masks) {
        return of(samples, masks, null);
    }

    /**
     * Patterns from raw bitsets with their generators, de-duplicated in order (a duplicate contributes its generator
     * when the first occurrence has none); all-zero patterns are dropped.
     *
     * @param samples {@code n >= 1}
     * @param masks each of length {@code ceil(n/64)}, bits at or beyond {@code n} ignored (copied)
     * @param generators {@code null}, or one entry per mask: the generator (copied) or {@code null}
     */
    public static ActivationPatterns of(int samples, List<long[]> masks, List<double[]> generators) {
        InvalidInputException.requireAtLeast("samples", samples, 1);
        Objects.requireNonNull(masks, "masks");
        if (generators != null && generators.size() != masks.size()) {
            throw new InvalidInputException("generators", generators.size() + " entries",
                    "one entry per mask (" + masks.size() + ")");
        }
        int w = wordsFor(samples);
        Map<MaskKey, Integer> seen = new LinkedHashMap<>();
        List<long[]> kept = new ArrayList<>();
        List<double[]> keptGenerators = new ArrayList<>();
        for (int j = 0; j < masks.size(); j++) {
            long[] m = masks.get(j);
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
            if (zero) {
                continue;
            }
            double[] g = generators == null || generators.get(j) == null ? null : generators.get(j).clone();
            Integer at = seen.get(new MaskKey(c));
            if (at == null) {
                seen.put(new MaskKey(c), kept.size());
                kept.add(c);
                keptGenerators.add(g);
            } else if (keptGenerators.get(at) == null && g != null) {
                keptGenerators.set(at, g);
            }
        }
        return new ActivationPatterns(samples, kept.toArray(new long[0][]), keptGenerators.toArray(new double[0][]),
                seen);
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
        int dim = gates.numRows;
        List<long[]> masks = new ArrayList<>(m);
        List<double[]> gens = new ArrayList<>(m);
        for (int j = 0; j < m; j++) {
            long[] b = new long[wordsFor(n)];
            for (int k = 0; k < n; k++) {
                if (z.data[k * m + j] >= 0) {
                    b[k >>> 6] |= 1L << (k & 63);
                }
            }
            masks.add(b);
            double[] g = new double[dim];
            for (int r = 0; r < dim; r++) {
                g[r] = gates.data[r * m + j];
            }
            gens.add(g);
        }
        return of(n, masks, gens);
    }

    /** The union of this set and {@code other} (this set's order first), de-duplicated. */
    public ActivationPatterns union(ActivationPatterns other) {
        if (other.samples != samples) {
            throw new MatrixDimensionException("other", other.samples + " samples", samples + " samples");
        }
        List<long[]> all = new ArrayList<>(Arrays.asList(bits));
        all.addAll(Arrays.asList(other.bits));
        List<double[]> gens = new ArrayList<>(Arrays.asList(generators));
        gens.addAll(Arrays.asList(other.generators));
        return of(samples, all, gens);
    }

    /** The patterns at {@code indices}, in that order (duplicates removed). */
    public ActivationPatterns subset(int[] indices) {
        List<long[]> all = new ArrayList<>(indices.length);
        List<double[]> gens = new ArrayList<>(indices.length);
        for (int i : indices) {
            Objects.checkIndex(i, bits.length);
            all.add(bits[i]);
            gens.add(generators[i]);
        }
        return of(samples, all, gens);
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
        return indexOf(mask) >= 0;
    }

    /** The index of the pattern {@code mask}, or {@code -1} when it is not in the set. */
    public int indexOf(long[] mask) {
        Integer i = index.get(new MaskKey(mask));
        return i == null ? -1 : i;
    }

    /** The generator {@code g_i} of pattern {@code i} (a copy), or {@code null} when it has none. */
    public double[] generator(int i) {
        return generators[i] == null ? null : generators[i].clone();
    }

    /** Whether every pattern carries a generator. */
    public boolean hasGenerators() {
        for (double[] g : generators) {
            if (g == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * The bitset {@code 1[features g >= 0]} of one direction {@code g}, {@code ceil(n/64)} words, bits computed in the
     * order of a plain dot product.
     */
    public static long[] maskOf(DMatrixRMaj features, double[] g) {
        int n = features.numRows;
        int d = features.numCols;
        if (g.length != d) {
            throw new MatrixDimensionException("g", g.length + " entries", d + " entries (the feature count)");
        }
        long[] b = new long[wordsFor(n)];
        for (int k = 0; k < n; k++) {
            double s = 0;
            int row = k * d;
            for (int c = 0; c < d; c++) {
                s += features.data[row + c] * g[c];
            }
            if (s >= 0) {
                b[k >>> 6] |= 1L << (k & 63);
            }
        }
        return b;
    }

    /** Bytes used by the bitsets (for memory reports). */
    public long bytes() {
        return (long) bits.length * words * Long.BYTES;
    }

}
