/** Non-convex training by gradient methods (GD, Adam) with seeded restarts, the baseline certified routes are compared with. */
package io.dualnet.train;
