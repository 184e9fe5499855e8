package io.dualnet.vgg;

import io.dualnet.data.InvalidInputException;

import java.util.Arrays;

/**
 * PyTorch's {@code MultiStepLR} with milestones given as fractions of the epochs (the authors' milestones
 * 150, 225, 275 of 300 epochs are the fractions 0.5, 0.75, 0.9167): the learning rate of epoch e (0-based) is
 * {@code lr * gamma^k}, k the number of milestones {@code round(fraction * epochs) <= e}. The authors step the
 * scheduler at the start of each epoch, which is this rule.
 *
 * @param learningRate initial learning rate, positive
 * @param gamma factor applied at each milestone, in (0, 1]
 * @param fractions milestones as fractions of the epochs, each in (0, 1), increasing
 * @param epochs number of epochs, at least 1
 */
public record MultiStepSchedule(double learningRate, double gamma, double[] fractions, int epochs) {
    /** The authors' milestones 150, 225, 275 of 300 epochs, as fractions. */
    public static final double[] PAPER_FRACTIONS = {0.5, 0.75, 275.0 / 300.0};
    /** The authors' gamma. */
    public static final double PAPER_GAMMA = 0.1;

    /** Validates every field. */
    public MultiStepSchedule {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new InvalidInputException("--lr", learningRate, "a positive number");
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new InvalidInputException("gamma", gamma, "a number in (0, 1]");
        }
        fractions = fractions.clone();
        for (int k = 0; k < fractions.length; k++) {
            if (!(fractions[k] > 0 && fractions[k] < 1) || (k > 0 && fractions[k] <= fractions[k - 1])) {
                throw new InvalidInputException("--milestones", Arrays.toString(fractions),
                        "increasing fractions of the epochs in (0, 1)");
            }
        }
        InvalidInputException.requireAtLeast("--epochs", epochs, 1);
    }

    /** The milestone epochs {@code round(fraction * epochs)}. */
    public int[] milestones() {
        int[] m = new int[fractions.length];
        for (int k = 0; k < m.length; k++) {
            m[k] = (int) Math.round(fractions[k] * epochs);
        }
        return m;
    }

    /** The learning rate of epoch {@code epoch} (0-based). */
    public double rate(int epoch) {
        double lr = learningRate;
        for (int m : milestones()) {
            if (m <= epoch) {
                lr *= gamma;
            }
        }
        return lr;
    }

    @Override
    public double[] fractions() {
        return fractions.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultiStepSchedule s && s.learningRate == learningRate && s.gamma == gamma
                && Arrays.equals(s.fractions, fractions) && s.epochs == epochs;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(learningRate) * 31 + Arrays.hashCode(fractions) * 7 + epochs;
    }

    @Override
    public String toString() {
        return "MultiStepSchedule[lr=" + learningRate + ", gamma=" + gamma + ", fractions="
                + Arrays.toString(fractions) + ", epochs=" + epochs + "]";
    }
}
