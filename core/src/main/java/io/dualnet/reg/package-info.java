/** Regularizers: Schatten (quasi-)norms, Ky-Fan norms and their proximal operators. */
package io.dualnet.reg;
