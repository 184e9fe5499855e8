/** Scalar-output losses with their gradients and Fenchel conjugates, as used by primal objectives and dual bounds. */
package io.dualnet.loss;
