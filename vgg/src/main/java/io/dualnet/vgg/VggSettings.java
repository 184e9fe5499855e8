package io.dualnet.vgg;

import io.dualnet.data.InvalidInputException;

/**
 * Training settings of one cell.
 *
 * @param epochs epochs, at least 1
 * @param batchSize mini-batch size, at least 1
 * @param learningRate initial learning rate
 * @param momentum Nesterov momentum
 * @param weightDecay coupled weight decay (L2), applied
 * @param milestones MultiStep milestones as fractions of the epochs
 * @param gamma factor at each milestone
 * @param augment random crop (padding 4) and horizontal flip on the training images
 */
public record VggSettings(int epochs, int batchSize, double learningRate, double momentum, double weightDecay,
                          double[] milestones, double gamma, boolean augment) {
    /** Validates every field. */
    public VggSettings {
        InvalidInputException.requireAtLeast("--epochs", epochs, 1);
        InvalidInputException.requireAtLeast("--batch-size", batchSize, 1);
        milestones = milestones.clone();
        new MultiStepSchedule(learningRate, gamma, milestones, epochs);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new InvalidInputException("--momentum", momentum, "a number in [0, 1)");
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new InvalidInputException("--weight-decay", weightDecay, "a non-negative number");
        }
    }

    /** The learning-rate schedule. */
    public MultiStepSchedule schedule() {
        return new MultiStepSchedule(learningRate, gamma, milestones, epochs);
    }
}
