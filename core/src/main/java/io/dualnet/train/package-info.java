/**
 * Non-convex training by gradient methods (GD/SGD, Adam) with seeded restarts, of deep linear and two-layer ReLU
 * networks: the baseline certified routes are compared with.
 */
package io.dualnet.train;
