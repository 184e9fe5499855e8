package io.dualnet.linalg;

import org.ejml.data.DMatrixRMaj;

/** Native OpenBLAS/LAPACK backend (placeholder until implemented: never loads). */
final class NativeLinearAlgebra {
    private NativeLinearAlgebra() {
    }

    static LinearAlgebra tryLoad() {
        return null;
    }
}
