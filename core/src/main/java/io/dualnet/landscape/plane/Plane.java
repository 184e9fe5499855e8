package io.dualnet.landscape.plane;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Vectors;
import io.dualnet.net.BranchArchitecture;

import java.util.SplittableRandom;

/**
 * A 2-D plane {@code theta(alpha, beta) = origin + alpha u + beta v} in parameter space.
 *
 * <p>{@link #throughAnchors}: the plane of the authors' landscape code (Zhang, Shao, Salakhutdinov, Figures 1 and 4;
 * spec section 2.5) through three trained parameter vectors A, B, C: origin their mean, {@code u = A - B},
 * {@code v = A - C}. Then A sits at {@code (1/3, 1/3)}, B at {@code (-2/3, 1/3)} and C at {@code (1/3, -2/3)}
 * (since {@code A - origin = (u + v)/3}). {@link #filterNormalized}: the random plane of Li et al. (2018), a Gaussian
 * direction rescaled filter by filter (each neuron's incoming weights) to the norm of the origin's filter, biases 0.
 *
 * @param origin the point at {@code (0, 0)}
 * @param u the direction of {@code alpha}
 * @param v the direction of {@code beta}
 */
public record Plane(double[] origin, double[] u, double[] v) {

    /** Relative tolerance under which two anchors are equal or three are collinear. */
    public static final double DEGENERACY_TOLERANCE = 1e-12;

    /** Validates the lengths and finiteness (arrays are not copied: callers must not modify them). */
    public Plane {
        if (origin == null || u == null || v == null || u.length != origin.length || v.length != origin.length) {
            throw new InvalidInputException("plane", "origin/u/v", "three vectors of the same length");
        }
        requireFinite("origin", origin);
        requireFinite("u", u);
        requireFinite("v", v);
    }

    /** Number of parameters. */
    public int dimension() {
        return origin.length;
    }

    /** {@code origin + alpha u + beta v}. */
    public double[] point(double alpha, double beta) {
        double[] p = new double[origin.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = origin[i] + alpha * u[i] + beta * v[i];
        }
        return p;
    }

    /**
     * The {@code (alpha, beta)} whose plane point is closest to {@code p} (least squares on the Gram system of
     * {@code u, v}; exact for points of the plane, such as the anchors of {@link #throughAnchors} with or without
     * normalization).
     */
    public double[] coordinatesOf(double[] p) {
        double uu = Vectors.dot(u, u);
        double uv = Vectors.dot(u, v);
        double vv = Vectors.dot(v, v);
        double ru = 0;
        double rv = 0;
        for (int i = 0; i < p.length; i++) {
            double r = p[i] - origin[i];
            ru += r * u[i];
            rv += r * v[i];
        }
        double det = uu * vv - uv * uv;
        return new double[] {(ru * vv - rv * uv) / det, (rv * uu - ru * uv) / det};
    }

    /** The {@code (alpha, beta)} of the three anchors of {@link #throughAnchors} without normalization. */
    public static double[][] anchorCoordinates() {
        return new double[][] {{1.0 / 3, 1.0 / 3}, {-2.0 / 3, 1.0 / 3}, {1.0 / 3, -2.0 / 3}};
    }

    /**
     * The plane through {@code a, b, c}: origin their mean, {@code u = a - b}, {@code v = a - c}; with
     * {@code normalize}, {@code u} and {@code v} are rescaled to the Euclidean norm of {@code c} (what the authors'
     * code does).
     *
     * @throws InvalidInputException naming {@code --anchors} when two anchors are equal (saying which) or the three
     *     are collinear, or the lengths differ
     */
    public static Plane throughAnchors(double[] a, double[] b, double[] c, boolean normalize) {
        if (b.length != a.length || c.length != a.length) {
            throw new InvalidInputException("--anchors", a.length + "/" + b.length + "/" + c.length + " entries",
                    "three vectors of the same length");
        }
        requireFinite("--anchors A", a);
        requireFinite("--anchors B", b);
        requireFinite("--anchors C", c);
        int p = a.length;
        double[] origin = new double[p];
        double[] u = new double[p];
        double[] v = new double[p];
        double[] w = new double[p];
        for (int i = 0; i < p; i++) {
            origin[i] = (a[i] + b[i] + c[i]) / 3;
            u[i] = a[i] - b[i];
            v[i] = a[i] - c[i];
            w[i] = b[i] - c[i];
        }
        double scale = Math.max(Math.max(Vectors.norm(a), Vectors.norm(b)),
                Math.max(Vectors.norm(c), Double.MIN_NORMAL));
        String[] names = {"A and B", "A and C", "B and C"};
        double[][] diffs = {u, v, w};
        for (int k = 0; k < 3; k++) {
            if (Vectors.norm(diffs[k]) <= DEGENERACY_TOLERANCE * scale) {
                throw new InvalidInputException("--anchors", "anchors " + names[k] + " equal",
                        "three distinct parameter vectors (a degenerate plane: anchors " + names[k] + " are equal)");
            }
        }
        double nu = Vectors.norm(u);
        double nv = Vectors.norm(v);
        double cross = nu * nu * nv * nv - Vectors.dot(u, v) * Vectors.dot(u, v);
        if (cross <= Math.sqrt(DEGENERACY_TOLERANCE) * nu * nu * nv * nv) {
            throw new InvalidInputException("--anchors", "collinear anchors A, B, C",
                    "three anchors spanning a plane (a degenerate plane: A - B and A - C are parallel, sine of the"
                            + " angle " + String.format(java.util.Locale.ROOT, "%.1e",
                            Math.sqrt(Math.max(0, cross)) / (nu * nv)) + ")");
        }
        if (normalize) {
            double target = Vectors.norm(c);
            if (!(target > 0)) {
                throw new InvalidInputException("--normalize", "||C|| = 0", "an anchor C of positive norm");
            }
            scale(u, target / nu);
            scale(v, target / nv);
        }
        return new Plane(origin, u, v);
    }

    /**
     * The filter-normalized random plane of Li et al. (2018) around {@code origin}: two Gaussian directions (seeded),
     * each filter (the incoming weights of one neuron, a row of a {@code W_l}) rescaled to the norm of the same filter
     * of {@code origin}; bias entries get direction 0.
     */
    public static Plane filterNormalized(PlaneModel model, double[] origin, long seed) {
        if (origin.length != model.parameterCount()) {
            throw new InvalidInputException("origin", origin.length + " entries", model.parameterCount() + " entries");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] u = randomFiltered(model, origin, rng);
        double[] v = randomFiltered(model, origin, rng);
        return new Plane(origin.clone(), u, v);
    }

    private static double[] randomFiltered(PlaneModel model, double[] origin, SplittableRandom rng) {
        double[] d = new double[origin.length];
        int offset = 0;
        for (BranchArchitecture a : model.branches()) {
            for (int l = 1; l < a.layers().size(); l++) {
                int in = a.layers().get(l - 1);
                int out = a.layers().get(l);
                for (int r = 0; r < out; r++) {
                    double dn = 0;
                    double on = 0;
                    for (int j = 0; j < in; j++) {
                        double g = rng.nextGaussian();
                        d[offset + j] = g;
                        dn += g * g;
                        on += origin[offset + j] * origin[offset + j];
                    }
                    double f = dn > 0 ? Math.sqrt(on / dn) : 0;
                    for (int j = 0; j < in; j++) {
                        d[offset + j] *= f;
                    }
                    offset += in;
                }
                offset += a.bias() ? out : 0;
            }
        }
        return d;
    }

    private static void requireFinite(String name, double[] x) {
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new InvalidInputException(name + "[" + i + "]", x[i], "a finite number");
            }
        }
    }

    private static void scale(double[] a, double f) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= f;
        }
    }
}
