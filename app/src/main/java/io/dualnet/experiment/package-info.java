/** Experiments: grids of independent seeded cells reproducing the papers' tables and figures. */
package io.dualnet.experiment;
