package io.dualnet.experiment;

import io.dualnet.data.Generators;
import io.dualnet.linalg.Linalg;
import org.ejml.data.DMatrixRMaj;

/**
 * The linear instances of the paper-002 section (Wang, Ergen, Pilanci, ICLR 2023; spec §1.7). Rows are samples.
 * Only {@link #GAUSSIAN_8X5} depends on a seed.
 */
public enum Wang002Instance {
    /** {@code X = I_3}, {@code Y = diag(3,2,1)}: the spec's test vectors (§1.7) and Figure 3's example (§1.12). */
    DIAG_321("diag321", "diag(3,2,1)", "X = I_3, Y = diag(3,2,1)"),
    /** {@code X = Y = I_2}: equal singular values, yet a gap for {@code L >= 3} (the counterexample of §1.7). */
    IDENTITY_2("eye2", "I_2", "X = Y = I_2"),
    /** {@code X = I_3}, {@code Y = diag(3,0,0)}: rank one, where the gap vanishes for every depth. */
    RANK_ONE("rank1", "diag(3,0,0)", "X = I_3, Y = diag(3,0,0)"),
    /** {@code X} 8x5 i.i.d. {@code N(0,1)}, {@code Y = X W*} with {@code W*} 5x3 i.i.d. {@code N(0,1)} (seeded). */
    GAUSSIAN_8X5("gauss8x5", "Gaussian 8x5", "X 8x5 i.i.d. N(0,1), Y = X W* with W* 5x3 i.i.d. N(0,1)");

    private final String key;
    private final String label;
    private final String description;

    Wang002Instance(String key, String label, String description) {
        this.key = key;
        this.label = label;
        this.description = description;
    }

    /** File-name-safe key. */
    public String key() {
        return key;
    }

    /** Short label for tables. */
    public String label() {
        return label;
    }

    /** One-line description of the data. */
    public String description() {
        return description;
    }

    /** Whether the data depend on the seed. */
    public boolean seeded() {
        return this == GAUSSIAN_8X5;
    }

    /** {@code {X, Y}}; the seed is used only by {@link #GAUSSIAN_8X5}. */
    public DMatrixRMaj[] data(long seed) {
        return switch (this) {
            case DIAG_321 -> new DMatrixRMaj[] {Generators.identity(3), diag(3, 2, 1)};
            case IDENTITY_2 -> new DMatrixRMaj[] {Generators.identity(2), Generators.identity(2)};
            case RANK_ONE -> new DMatrixRMaj[] {Generators.identity(3), diag(3, 0, 0)};
            case GAUSSIAN_8X5 -> {
                DMatrixRMaj x = Generators.gaussian(8, 5, seed);
                DMatrixRMaj w = Generators.gaussian(5, 3, seed + 1);
                yield new DMatrixRMaj[] {x, Linalg.get().mult(x, w)};
            }
        };
    }

    /** A square diagonal matrix. */
    public static DMatrixRMaj diag(double... v) {
        DMatrixRMaj m = new DMatrixRMaj(v.length, v.length);
        for (int i = 0; i < v.length; i++) {
            m.set(i, i, v[i]);
        }
        return m;
    }
}
