/** Experiments as grids of independent seeded cells, run in parallel with per-cell results saved for resuming. */
package io.dualnet.experiment;
