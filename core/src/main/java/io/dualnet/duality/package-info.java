/** Duality certificates recomputed from primal and dual points: weak-duality checks and gaps. */
package io.dualnet.duality;
