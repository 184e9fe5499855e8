package io.dualnet.convex;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.Svd;
import io.dualnet.linalg.Vectors;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Exact enumeration of all activation patterns {@code 1[X u >= 0]} of the hyperplane arrangement
 * {@code {x_k^T u = 0}} (paper 002 Appendix A; Pilanci and Ergen 2020, Appendix): one pattern per full-dimensional
 * cell, each with an interior point of the cell as generator. Cells are built incrementally in the row space of
 * {@code X} (dimension {@code r = rank X}): adding a hyperplane {@code H} keeps every existing cell and splits those
 * that {@code H} cuts, whose two halves are found from the cells of the arrangement restricted to {@code H} (one
 * dimension lower, recursively) by stepping off {@code H} to both sides. Zero rows (always active) and repeated or
 * opposite rows (the same hyperplane) are handled; lower-dimensional cells are not listed.
 *
 * <p>The number of cells is at most {@code 2 sum_{k<r} C(h-1, k)} for {@code h} distinct hyperplanes (Cover 1965),
 * with equality in general position; enumeration refuses instances whose bound exceeds a limit. Nothing passed in
 * is modified.
 */
public final class ArrangementEnumerator {
    /** Default largest number of cells enumerated. */
    public static final int DEFAULT_LIMIT = 20_000;
    private static final double PARALLEL_TOL = 1e-12;
    private static final int CENTERING_STEPS = 60;
    /** Rows whose rank bounds the features' rank from below in {@link #enumerable} before the full SVD. */
    static final int PROBE_ROWS = 64;

    private ArrangementEnumerator() {
    }

    /** The cell-count bound {@code 2 sum_{k<r} C(h-1, k)} ({@code 1} without hyperplanes), as a double. */
    public static double cellCountBound(int hyperplanes, int rank) {
        if (hyperplanes == 0 || rank == 0) {
            return 1;
        }
        double sum = 0;
        double c = 1;
        for (int k = 0; k < rank && k <= hyperplanes - 1; k++) {
            sum += c;
            c = c * (hyperplanes - 1 - k) / (k + 1);
        }
        return 2 * sum;
    }

    /** The cell-count bound of the arrangement of the rows of {@code features} (distinct hyperplanes, rank). */
    public static double cellCountBound(DMatrixRMaj features) {
        RowSpace s = RowSpace.of(features);
        return cellCountBound(s.normals.length, s.rank);
    }

    /** Whether the bound on the number of cells is at most {@code limit}. */
    public static boolean enumerable(DMatrixRMaj features, int limit) {
        // A rank-r arrangement has at least r distinct (independent) normals, so 2^r cells at least: refuse on that
        // before the O(n^2 r) search for distinct normals (a minute at n = 12000, d = 784), first on a lower bound of
        // the rank from a few rows (the SVD of all of X took 5 s there, and the check runs at every certify).
        int atLeast = rankLowerBound(features);
        if (cellCountBound(atLeast, atLeast) > limit) {
            return false;
        }
        Svd svd = Linalg.get().svd(features);
        int rank = RowSpace.rank(svd);
        if (cellCountBound(rank, rank) > limit) {
            return false;
        }
        RowSpace s = RowSpace.of(features, svd);
        return cellCountBound(s.normals.length, s.rank) <= limit;
    }

    /**
     * A lower bound on the numerical rank {@link RowSpace#rank} gives {@code features}: the singular values of
     * {@link #PROBE_ROWS} evenly spaced rows above a tolerance at least that of the whole matrix (its own terms with
     * the Frobenius norm, which bounds the largest singular value, in place of that value). The singular values of a
     * set of rows are at most those of the matrix, so each one counted is counted by the whole matrix's rule too.
     * Zero when there are not more rows than the probe.
     */
    static int rankLowerBound(DMatrixRMaj features) {
        int n = features.numRows;
        int d = features.numCols;
        if (n <= PROBE_ROWS || d == 0) {
            return 0;
        }
        DMatrixRMaj rows = new DMatrixRMaj(PROBE_ROWS, d);
        for (int i = 0; i < PROBE_ROWS; i++) {
            System.arraycopy(features.data, (int) ((long) i * n / PROBE_ROWS) * d, rows.data, i * d, d);
        }
        double frobenius = 0;
        for (int i = 0; i < n * d; i++) {
            frobenius += features.data[i] * features.data[i];
        }
        double tolerance = Math.max(Math.max(n, d) * Math.ulp(1.0), 1e-10) * Math.sqrt(frobenius);
        int count = 0;
        for (double value : Linalg.get().singularValues(rows)) {
            count += value > tolerance ? 1 : 0;
        }
        return count;
    }

    /**
     * All patterns of the arrangement of the rows of {@code features} ({@code n x d'}), with interior generators.
     *
     * @param limit refuse when the cell-count bound exceeds this ({@code >= 1})
     * @throws InvalidInputException naming {@code x} when the instance is too large to enumerate
     */
    public static ActivationPatterns enumerate(DMatrixRMaj features, int limit) {
        InvalidInputException.requireAtLeast("limit", limit, 1);
        RowSpace s = RowSpace.of(features);
        double bound = cellCountBound(s.normals.length, s.rank);
        if (bound > limit) {
            throw new InvalidInputException("x", String.format(Locale.ROOT,
                    "%dx%d (rank %d, %d distinct hyperplanes, up to %.3g arrangement cells)", features.numRows,
                    features.numCols, s.rank, s.normals.length, bound),
                    "at most " + limit + " cells to enumerate every pattern; sample patterns instead");
        }
        List<double[]> points = s.rank == 0 ? List.of(new double[0]) : cells(s.normals, s.rank);
        List<long[]> masks = new ArrayList<>(points.size());
        List<double[]> generators = new ArrayList<>(points.size());
        for (double[] p : points) {
            double[] g = s.lift(center(p, s.normals));
            masks.add(ActivationPatterns.maskOf(features, g));
            generators.add(g);
        }
        return ActivationPatterns.of(features.numRows, masks, generators);
    }

    /** Interior points of the full-dimensional cells of the arrangement of unit normals {@code a} in R^r. */
    static List<double[]> cells(double[][] a, int r) {
        if (a.length == 0) {
            double[] e = new double[r];
            e[0] = 1;
            return List.of(e);
        }
        if (r == 1) {
            return List.of(new double[] {1}, new double[] {-1});
        }
        List<double[]> points = new ArrayList<>(List.of(a[0].clone(), scaled(a[0], -1)));
        for (int j = 1; j < a.length; j++) {
            Map<MaskKey, double[]> next = new LinkedHashMap<>();
            for (double[] pt : points) {
                if (Vectors.dot(a[j], pt) != 0) {
                    next.putIfAbsent(signs(a, j + 1, pt), pt);
                }
            }
            double[][] basis = complement(a[j]);
            List<double[]> restricted = new ArrayList<>();
            for (int l = 0; l < j; l++) {
                double[] b = new double[r - 1];
                for (int c = 0; c < r - 1; c++) {
                    b[c] = Vectors.dot(basis[c], a[l]);
                }
                addDistinct(restricted, b);
            }
            for (double[] q : cells(restricted.toArray(new double[0][]), r - 1)) {
                double[] p0 = new double[r];
                for (int c = 0; c < r - 1; c++) {
                    for (int t = 0; t < r; t++) {
                        p0[t] += q[c] * basis[c][t];
                    }
                }
                p0 = scaled(p0, 1 / Vectors.norm(p0));
                double eps = 1;
                for (int l = 0; l < j; l++) {
                    double along = Math.abs(Vectors.dot(a[l], a[j]));
                    if (along > 0) {
                        eps = Math.min(eps, 0.5 * Math.abs(Vectors.dot(a[l], p0)) / along);
                    }
                }
                for (int sign = -1; sign <= 1; sign += 2) {
                    double[] pt = p0.clone();
                    for (int t = 0; t < r; t++) {
                        pt[t] += sign * eps * a[j][t];
                    }
                    next.putIfAbsent(signs(a, j + 1, pt), pt);
                }
            }
            points = new ArrayList<>(next.values());
        }
        return points;
    }

    /** Adds {@code b} normalized unless it is zero or parallel (either sign) to one already in {@code list}. */
    static void addDistinct(List<double[]> list, double[] b) {
        double norm = Vectors.norm(b);
        if (norm <= PARALLEL_TOL) {
            return;
        }
        double[] u = scaled(b, 1 / norm);
        for (double[] o : list) {
            if (Math.abs(Vectors.dot(o, u)) >= 1 - PARALLEL_TOL) {
                return;
            }
        }
        list.add(u);
    }

    /** Moves {@code p} away from its nearest hyperplane for a few steps, keeping its cell: larger margins. */
    private static double[] center(double[] p, double[][] a) {
        double[] cur = scaled(p, 1 / Vectors.norm(p));
        double[] sign = new double[a.length];
        for (int l = 0; l < a.length; l++) {
            sign[l] = Math.signum(Vectors.dot(a[l], cur));
        }
        for (int step = 0; step < CENTERING_STEPS && a.length > 0; step++) {
            int worst = 0;
            double min = Double.POSITIVE_INFINITY;
            for (int l = 0; l < a.length; l++) {
                double m = sign[l] * Vectors.dot(a[l], cur);
                if (m < min) {
                    min = m;
                    worst = l;
                }
            }
            double[] trial = cur.clone();
            for (int t = 0; t < trial.length; t++) {
                trial[t] += min * sign[worst] * a[worst][t];
            }
            trial = scaled(trial, 1 / Vectors.norm(trial));
            double trialMin = Double.POSITIVE_INFINITY;
            for (int l = 0; l < a.length; l++) {
                trialMin = Math.min(trialMin, sign[l] * Vectors.dot(a[l], trial));
            }
            if (trialMin <= min) {
                break;
            }
            cur = trial;
        }
        return cur;
    }

    /** Rows of an orthonormal basis of the complement of the unit vector {@code a} (a Householder reflection). */
    private static double[][] complement(double[] a) {
        int r = a.length;
        double[] w = a.clone();
        w[0] += a[0] >= 0 ? 1 : -1;
        double ww = Vectors.dot(w, w);
        double[][] basis = new double[r - 1][r];
        for (int c = 1; c < r; c++) {
            for (int t = 0; t < r; t++) {
                basis[c - 1][t] = (t == c ? 1 : 0) - 2 * w[t] * w[c] / ww;
            }
        }
        return basis;
    }

    private static double[] scaled(double[] a, double s) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * s;
        }
        return out;
    }

    /** Sign vector of a point over the first {@code count} hyperplanes, as a hash key. */
    private static MaskKey signs(double[][] a, int count, double[] p) {
        long[] b = new long[(count + 63) >>> 6];
        for (int l = 0; l < count; l++) {
            if (Vectors.dot(a[l], p) > 0) {
                b[l >>> 6] |= 1L << (l & 63);
            }
        }
        return new MaskKey(b);
    }

    /** The row space of the features: rank, orthonormal basis and the distinct unit normals in its coordinates. */
    record RowSpace(int rank, DMatrixRMaj basis, double[][] normals) {
        static RowSpace of(DMatrixRMaj features) {
            return of(features, Linalg.get().svd(features));
        }

        /** {@link #of(DMatrixRMaj)} with the SVD of {@code features} already computed. */
        static RowSpace of(DMatrixRMaj features, Svd svd) {
            int r = rank(svd);
            DMatrixRMaj v = svd.v();
            List<double[]> normals = new ArrayList<>();
            int d = features.numCols;
            for (int k = 0; k < features.numRows; k++) {
                double[] c = new double[r];
                for (int t = 0; t < r; t++) {
                    for (int j = 0; j < d; j++) {
                        c[t] += features.data[k * d + j] * v.data[j * v.numCols + t];
                    }
                }
                addDistinct(normals, c);
            }
            return new RowSpace(r, v, normals.toArray(new double[0][]));
        }

        /** The numerical rank used for the arrangement. */
        static int rank(Svd svd) {
            return svd.rank(Math.max(svd.defaultTolerance(), 1e-10 * (svd.s().length == 0 ? 0 : svd.s()[0])));
        }

        double[] lift(double[] p) {
            int d = basis.numRows;
            double[] g = new double[d];
            for (int j = 0; j < d; j++) {
                for (int t = 0; t < p.length; t++) {
                    g[j] += basis.data[j * basis.numCols + t] * p[t];
                }
            }
            return g;
        }
    }
}
