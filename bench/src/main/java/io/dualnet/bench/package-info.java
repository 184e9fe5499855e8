/** JMH benchmarks of DualNet's solvers against their baselines; results are recorded in docs/benchmarks.md. */
package io.dualnet.bench;
