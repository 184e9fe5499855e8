/** Convex programs (duals and convex reformulations) as immutable values: value, gradient, projection. */
package io.dualnet.convex;
