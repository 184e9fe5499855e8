/** Linear algebra: EJML matrices with SVD, symmetric eigen and GEMM routed to native OpenBLAS/LAPACK above a size threshold. */
package io.dualnet.linalg;
