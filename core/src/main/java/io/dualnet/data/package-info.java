/**
 * Data: matrix readers and writers (CSV, .npy), data-set readers (IDX, LIBSVM, Fashion-MNIST), preparation
 * (standardization, seeded train/test splits), evaluation metrics, seeded generators and the input-validation
 * exceptions.
 */
package io.dualnet.data;
