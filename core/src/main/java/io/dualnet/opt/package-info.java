/** Small, dependency-free optimization routines the certified computations need (low-dimensional concave maximization, dense linear programming). */
package io.dualnet.opt;
