package io.dualnet.landscape.plane;

import io.dualnet.data.InvalidInputException;
import io.dualnet.train.MultibranchLoss;

import java.util.Locale;

/**
 * The per-sample losses a loss surface is drawn with. The three hinge losses are those of
 * {@link MultibranchLoss} (Zhang, Shao, Salakhutdinov, loss (1) and the authors' {@code multi_margin_loss}); the
 * squared loss is {@code 1/2 (o - y)^2} for one output and {@code 1/2 sum_j (o_j - [j = y])^2} (one-hot target) for
 * several. The surface value is the mean over samples.
 * Immutable.
 */
public final class SurfaceLoss {

    /** The accepted names. */
    public static final String NAMES = "hinge, tau-hinge, multiclass-hinge, squared";

    private final String name;
    private final double tau;
    private final MultibranchLoss hinge;

    /**
     * @param name {@code hinge}, {@code tau-hinge}, {@code multiclass-hinge} or {@code squared} (case-insensitive)
     * @param tau the margin of {@code tau-hinge} (ignored otherwise), {@code > 0}
     * @throws InvalidInputException naming {@code --loss} or {@code --tau}
     */
    public SurfaceLoss(String name, double tau) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (!key.equals("hinge") && !key.equals("tau-hinge") && !key.equals("multiclass-hinge")
                && !key.equals("squared")) {
            throw new InvalidInputException("--loss", name, "one of " + NAMES);
        }
        InvalidInputException.requirePositive("--tau", tau);
        this.name = key;
        this.tau = key.equals("tau-hinge") ? tau : 1;
        this.hinge = key.equals("squared") ? null : MultibranchLoss.named(key, tau);
    }

    /** The loss's name. */
    public String name() {
        return name;
    }

    /** The margin {@code tau} ({@code 1} except for {@code tau-hinge}). */
    public double tau() {
        return tau;
    }

    /** Whether the loss reads its labels as classes {@code 0..C-1} (multi-class hinge, or squared with C > 1). */
    public boolean classIndexLabels(int outputs) {
        return name.equals("multiclass-hinge") || (name.equals("squared") && outputs > 1);
    }

    /**
     * Checks the labels against the loss and the number of outputs.
     *
     * @throws InvalidInputException naming {@code --y} or {@code --loss}
     */
    public void validate(double[] y, int outputs) {
        if (name.equals("squared")) {
            for (int k = 0; k < y.length; k++) {
                InvalidInputException.requireFinite("--y[" + k + "]", y[k]);
                if (outputs > 1 && (y[k] != Math.rint(y[k]) || y[k] < 0 || y[k] >= outputs)) {
                    throw new InvalidInputException("--y[" + k + "]", y[k], "a class index in 0.." + (outputs - 1));
                }
            }
            return;
        }
        if (name.equals("multiclass-hinge") && outputs < 2) {
            throw new InvalidInputException("--loss", name, "a loss for a network with one output (hinge, tau-hinge or"
                    + " squared): the multi-class hinge needs one output per class");
        }
        hinge.validate(y, outputs);
    }

    /** The loss of one sample with outputs {@code o} and label {@code y}. */
    public double value(double[] o, double y) {
        if (name.equals("squared")) {
            if (o.length == 1) {
                double r = o[0] - y;
                return 0.5 * r * r;
            }
            double s = 0;
            for (int j = 0; j < o.length; j++) {
                double r = o[j] - (j == (int) y ? 1 : 0);
                s += r * r;
            }
            return 0.5 * s;
        }
        return hinge.value(o, y);
    }

    /** The same loss as a training loss of {@link io.dualnet.train.MultibranchTrainer} (hinge losses only). */
    public MultibranchLoss training() {
        if (hinge == null) {
            throw new InvalidInputException("--loss", name, "a hinge loss for training (the trainer has no squared loss)");
        }
        return hinge;
    }
}
