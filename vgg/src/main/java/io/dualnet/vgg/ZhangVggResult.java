package io.dualnet.vgg;

/**
 * The outcome of one cell.
 *
 * @param dataset data set name
 * @param budget "branch" or "total"
 * @param width nominal width w
 * @param branchWidth width of each branch
 * @param branches branch count I
 * @param parameters trainable parameters (counted from the DJL block)
 * @param samples training images
 * @param testSamples test images
 * @param trainLoss mean training cross-entropy per epoch
 * @param testAccuracy test accuracy after each epoch
 * @param epochSeconds training wall time per epoch
 */
public record ZhangVggResult(String dataset, String budget, int width, int branchWidth, int branches, long parameters,
                             int samples, int testSamples, double[] trainLoss, double[] testAccuracy,
                             double[] epochSeconds) {

    /** Test accuracy after the last epoch. */
    public double finalAccuracy() {
        return testAccuracy[testAccuracy.length - 1];
    }

    /** Mean training time of an epoch. */
    public double secondsPerEpoch() {
        double s = 0;
        for (double v : epochSeconds) {
            s += v;
        }
        return s / epochSeconds.length;
    }
}
