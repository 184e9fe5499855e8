package io.dualnet.vgg;

/**
 * Per-epoch record of one training run.
 *
 * @param trainLoss mean training cross-entropy over each epoch's mini-batches (before each step's update)
 * @param testAccuracy test accuracy after each epoch
 * @param epochSeconds wall time of each epoch's training (not the evaluation)
 */
public record VggHistory(double[] trainLoss, double[] testAccuracy, double[] epochSeconds) {
}
