/** JMH benchmarks of DualNet's hot paths; run them from the packaged jar with {@code org.openjdk.jmh.Main}. */
package io.dualnet.bench;
