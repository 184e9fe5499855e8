package io.dualnet.reg;

import io.dualnet.data.InvalidInputException;

import java.util.Locale;

/**
 * The convex regularizers {@code h_i} of the budget constraint {@code (1/I) sum_i h_i(w_(i)) <= K} of problem (2) of
 * Zhang, Shao, Salakhutdinov: weight decay {@code ||w||_2^2} (the paper's example) or {@code ||w||_1}.
 *
 * <p>On the lattice {@code w = delta z} ({@code z} integer) both take values that are integer multiples of a unit
 * ({@code delta^2}, resp. {@code delta}), which is what makes the budget allocation of
 * {@code io.dualnet.duality.BudgetAllocation} exact: {@link #latticeUnits} is {@code h(delta z) / unit(delta)}.
 */
public enum BranchRegularizer {
    /** {@code h(w) = ||w||_2^2 = sum_i w_i^2}. */
    L2_SQUARED("l2"),
    /** {@code h(w) = ||w||_1 = sum_i |w_i|}. */
    L1("l1");

    private final String label;

    BranchRegularizer(String label) {
        this.label = label;
    }

    /** Stable name for the command line and JSON ({@code l2}, {@code l1}). */
    public String label() {
        return label;
    }

    /** {@code h(w)}. */
    public double value(double[] w) {
        double s = 0;
        for (double v : w) {
            s += this == L2_SQUARED ? v * v : Math.abs(v);
        }
        return s;
    }

    /** Adds {@code scale * grad h(w)} to {@code out} (for {@code ||w||_1} the subgradient {@code sign(w)}, 0 at 0). */
    public void addGradient(double[] w, double scale, double[] out) {
        for (int i = 0; i < w.length; i++) {
            out[i] += scale * (this == L2_SQUARED ? 2 * w[i] : Math.signum(w[i]));
        }
    }

    /** The budget unit of the lattice of spacing {@code delta}: {@code delta^2} for {@code l2}, {@code delta} for {@code l1}. */
    public double unit(double delta) {
        return this == L2_SQUARED ? delta * delta : delta;
    }

    /** {@code h(delta z) / unit(delta)}, an integer: {@code sum z_i^2} or {@code sum |z_i|}. */
    public long latticeUnits(int[] z) {
        long s = 0;
        for (int v : z) {
            s += this == L2_SQUARED ? (long) v * v : Math.abs(v);
        }
        return s;
    }

    /**
     * {@code min h(w) / unit(delta)} over the lattice cell {@code delta [z, z + 1]} (entry-wise), an integer: the
     * corner nearest to the origin, per coordinate {@code min(|z_i|, |z_i + 1|)}.
     */
    public long cellLowerUnits(int[] z) {
        long s = 0;
        for (int v : z) {
            long m = Math.min(Math.abs((long) v), Math.abs((long) v + 1));
            s += this == L2_SQUARED ? m * m : m;
        }
        return s;
    }

    /** {@code max h} over the box {@code [-r, r]^p}: {@code p r^2} or {@code p r}. */
    public double maxOverBox(double r, int p) {
        return this == L2_SQUARED ? p * r * r : p * r;
    }

    /**
     * The support function of the sublevel set {@code {v : h(v) <= c}} at {@code s}: {@code sqrt(c) ||s||_2} for
     * {@code l2}, {@code c ||s||_inf} for {@code l1}.
     */
    public double support(double[] s, double c) {
        if (this == L2_SQUARED) {
            double n = 0;
            for (double v : s) {
                n += v * v;
            }
            return Math.sqrt(c) * Math.sqrt(n);
        }
        double m = 0;
        for (double v : s) {
            m = Math.max(m, Math.abs(v));
        }
        return c * m;
    }

    /** A maximizer {@code v} of {@code s . v} over {@code {v : h(v) <= c}}, written into {@code out}. */
    public void supportPoint(double[] s, double c, double[] out) {
        java.util.Arrays.fill(out, 0);
        if (this == L2_SQUARED) {
            double n = 0;
            for (double v : s) {
                n += v * v;
            }
            n = Math.sqrt(n);
            if (n > 0) {
                for (int i = 0; i < s.length; i++) {
                    out[i] = Math.sqrt(c) * s[i] / n;
                }
            }
            return;
        }
        int best = -1;
        for (int i = 0; i < s.length; i++) {
            if (best < 0 || Math.abs(s[i]) > Math.abs(s[best])) {
                best = i;
            }
        }
        if (best >= 0 && s[best] != 0) {
            out[best] = c * Math.signum(s[best]);
        }
    }

    /**
     * The regularizer with the given label.
     *
     * @throws InvalidInputException naming {@code parameter} for an unknown label
     */
    public static BranchRegularizer named(String parameter, String label) {
        String key = label == null ? "" : label.trim().toLowerCase(Locale.ROOT);
        for (BranchRegularizer r : values()) {
            if (r.label.equals(key)) {
                return r;
            }
        }
        throw new InvalidInputException(parameter, label, "one of l2 (||w||_2^2), l1 (||w||_1)");
    }
}
