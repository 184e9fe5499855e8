package io.dualnet.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Pure-Java backend on EJML; the reference implementation and the fallback when native code is unavailable. */
public final class EjmlLinearAlgebra implements LinearAlgebra {

    /** The shared instance (stateless). */
    public static final EjmlLinearAlgebra INSTANCE = new EjmlLinearAlgebra();

    private EjmlLinearAlgebra() {
    }

    @Override
    public String name() {
        return "ejml";
    }

    @Override
    public Svd svd(DMatrixRMaj a) {
        int m = a.numRows;
        int n = a.numCols;
        int k = Math.min(m, n);
        if (k == 0) {
            return new Svd(new DMatrixRMaj(m, 0), new double[0], new DMatrixRMaj(n, 0));
        }
        SingularValueDecomposition_F64<DMatrixRMaj> dec = DecompositionFactory_DDRM.svd(m, n, true, true, true);
        if (!dec.decompose(a.copy())) {
            throw new ArithmeticException("EJML SVD did not converge for a " + m + "x" + n + " matrix");
        }
        DMatrixRMaj u = dec.getU(null, false);
        DMatrixRMaj v = dec.getV(null, false);
        double[] w = dec.getSingularValues();
        Integer[] order = IntStream.range(0, k).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -w[i]));
        DMatrixRMaj us = new DMatrixRMaj(m, k);
        DMatrixRMaj vs = new DMatrixRMaj(n, k);
        double[] s = new double[k];
        for (int j = 0; j < k; j++) {
            int src = order[j];
            s[j] = w[src];
            for (int i = 0; i < m; i++) {
                us.unsafe_set(i, j, u.unsafe_get(i, src));
            }
            for (int i = 0; i < n; i++) {
                vs.unsafe_set(i, j, v.unsafe_get(i, src));
            }
        }
        return new Svd(us, s, vs);
    }

    @Override
    public double[] singularValues(DMatrixRMaj a) {
        int k = Math.min(a.numRows, a.numCols);
        if (k == 0) {
            return new double[0];
        }
        SingularValueDecomposition_F64<DMatrixRMaj> dec =
                DecompositionFactory_DDRM.svd(a.numRows, a.numCols, false, false, true);
        if (!dec.decompose(a.copy())) {
            throw new ArithmeticException("EJML SVD did not converge for a " + a.numRows + "x" + a.numCols + " matrix");
        }
        double[] w = Arrays.copyOf(dec.getSingularValues(), k);
        Arrays.sort(w);
        for (int i = 0, j = k - 1; i < j; i++, j--) {
            double t = w[i];
            w[i] = w[j];
            w[j] = t;
        }
        return w;
    }

    @Override
    public SymmetricEigen eigSymmetric(DMatrixRMaj a) {
        if (a.numRows != a.numCols) {
            throw new MatrixDimensionException("a", a.numRows + "x" + a.numCols, "a square matrix");
        }
        int n = a.numRows;
        DMatrixRMaj sym = a.copy();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                sym.unsafe_set(i, j, sym.unsafe_get(j, i));
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> dec = DecompositionFactory_DDRM.eig(n, true, true);
        if (!dec.decompose(sym)) {
            throw new ArithmeticException("EJML symmetric eigen-decomposition did not converge for n = " + n);
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -dec.getEigenvalue(i).getReal()));
        double[] values = new double[n];
        DMatrixRMaj q = new DMatrixRMaj(n, n);
        for (int j = 0; j < n; j++) {
            values[j] = dec.getEigenvalue(order[j]).getReal();
            DMatrixRMaj vec = dec.getEigenVector(order[j]);
            double norm = CommonOps_DDRM.dot(vec, vec);
            double scale = 1.0 / Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                q.unsafe_set(i, j, vec.get(i) * scale);
            }
        }
        return new SymmetricEigen(values, q);
    }

    @Override
    public DMatrixRMaj mult(DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB) {
        LinearAlgebra.checkMult(a, transA, b, transB);
        DMatrixRMaj c = new DMatrixRMaj(transA ? a.numCols : a.numRows, transB ? b.numRows : b.numCols);
        return product(a, transA, b, transB, c);
    }

    /** {@inheritDoc} Computed by EJML directly into {@code c}. */
    @Override
    public DMatrixRMaj multInto(DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB, DMatrixRMaj c) {
        LinearAlgebra.checkInto(a, transA, b, transB, c);
        return product(a, transA, b, transB, c);
    }

    private static DMatrixRMaj product(DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB, DMatrixRMaj c) {
        if (!transA && !transB) {
            CommonOps_DDRM.mult(a, b, c);
        } else if (transA && !transB) {
            CommonOps_DDRM.multTransA(a, b, c);
        } else if (!transA) {
            CommonOps_DDRM.multTransB(a, b, c);
        } else {
            CommonOps_DDRM.multTransAB(a, b, c);
        }
        return c;
    }
}
