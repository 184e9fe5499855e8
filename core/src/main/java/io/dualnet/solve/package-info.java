/** Iterative solvers and the Solution they return: primal, dual, gap, residuals, iterations and status. */
package io.dualnet.solve;
