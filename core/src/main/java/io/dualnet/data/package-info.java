/** Data: matrix readers and writers (CSV, .npy), seeded generators and the input-validation exceptions. */
package io.dualnet.data;
