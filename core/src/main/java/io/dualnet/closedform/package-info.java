/** Closed-form global optima of training problems whose optimum is known analytically. */
package io.dualnet.closedform;
