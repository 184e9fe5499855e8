/** Loss-landscape and non-convexity measurements of training problems. */
package io.dualnet.landscape;
