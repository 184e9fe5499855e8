package io.dualnet.teacher;

import io.dualnet.data.InvalidInputException;

import java.io.Serializable;

/**
 * Every choice of the SGD protocol behind a hit-rate experiment (Zhang et al. 2019, Table 1). The paper states only
 * "the setting of Sec. 5.1" (hinge loss, tau = 1), 100 seeds, 100 000 iterations and a tolerance of 1e-5; the
 * labels, learning rate, batch size, initialization and schedule are not given, so each one is a field here.
 *
 * <p>The student is {@code f(x) = s (sum_{j<I} a_j (w_j . x + b_j)_+ + c)}, with {@code s = 1} ({@link
 * OutputScale#SUM}, the paper's formula) or {@code s = 1/I} ({@link OutputScale#MEAN}, the authors' code averages
 * its branches); without {@code bias} the {@code b_j} and {@code c} stay 0. The loss is the mean over a mini-batch
 * of the tau-hinge {@code max(0, 1 - y f(x) / tau)} or of the half squared error {@code (f(x) - y)^2 / 2}.
 *
 * @param loss hinge (the paper) or squared
 * @param tau the hinge's tau &gt; 0 (the paper: 1; unused by the squared loss)
 * @param labels the targets: {@code sign(f*(x))} or the teacher outputs {@code f*(x)} (squared loss only)
 * @param learningRate the initial step size &gt; 0
 * @param batch mini-batch size &gt;= 1 (sampling without replacement, reshuffled each epoch)
 * @param init initialization family
 * @param initScale factor &gt; 0 on the initialization's scale (1 = the family's default)
 * @param bias whether the student has biases {@code b_j}, {@code c}
 * @param outputScale sum or mean over hidden units
 * @param schedule constant step, or the authors' stop rule
 * @param iterations SGD steps per run &gt;= 1 (the paper: 100 000)
 * @param checkEvery the full-data loss is evaluated every this many steps (a run stops when it hits)
 * @param tolerance a run hits when its full-data loss is within this of the global minimum (the paper: 1e-5)
 */
public record SgdProtocol(Loss loss, double tau, Labels labels, double learningRate, int batch, Init init,
                          double initScale, boolean bias, OutputScale outputScale, Schedule schedule,
                          int iterations, int checkEvery, double tolerance) implements Serializable {

    /** The training loss. */
    public enum Loss { HINGE, SQUARED }

    /** The training targets. */
    public enum Labels { SIGN, TEACHER }

    /**
     * Initialization: {@code PYTORCH} is {@code nn.Linear}'s default (weights and biases uniform in
     * {@code +-scale/sqrt(fan_in)}); {@code NORMAL} draws weights from {@code N(0, scale^2/fan_in)}, biases 0.
     */
    public enum Init { PYTORCH, NORMAL }

    /** Sum or mean over the hidden units. */
    public enum OutputScale { SUM, MEAN }

    /**
     * {@code CONSTANT}: the step never changes. {@code AUTHORS}: the rule of the authors' {@code fully_connected.py}
     * (spec §2.5): stop when a mini-batch loss is below 1e-5 (or not finite); every 100 steps compare the mini-batch
     * loss with a reference (set at the first check, reset after each decay) and, if it exceeds it by more than
     * 1e-5, multiply the step by 0.1; the 4th such rise stops training.
     */
    public enum Schedule { CONSTANT, AUTHORS }

    private static final long serialVersionUID = 1L;

    /** Validates every field. */
    public SgdProtocol {
        require("loss", loss);
        require("labels", labels);
        require("init", init);
        require("outputScale", outputScale);
        require("schedule", schedule);
        InvalidInputException.requirePositive("tau", tau);
        InvalidInputException.requirePositive("learningRate", learningRate);
        InvalidInputException.requireAtLeast("batch", batch, 1);
        InvalidInputException.requirePositive("initScale", initScale);
        InvalidInputException.requireAtLeast("iterations", iterations, 1);
        InvalidInputException.requireAtLeast("checkEvery", checkEvery, 1);
        InvalidInputException.requireNonNegative("tolerance", tolerance);
        if (loss == Loss.HINGE && labels != Labels.SIGN) {
            throw new InvalidInputException("labels", labels, "SIGN with the hinge loss (it needs +-1 labels)");
        }
    }

    /**
     * The trial protocol: hinge (tau = 1) on {@code sign(f*)}, plain SGD with batch 100, step 0.1, PyTorch
     * initialization with biases, a sum over units, 100 000 steps, checked every 100, tolerance 1e-5.
     */
    public static SgdProtocol paperDefaults() {
        return new SgdProtocol(Loss.HINGE, 1.0, Labels.SIGN, 0.1, 100, Init.PYTORCH, 1.0, true, OutputScale.SUM,
                Schedule.CONSTANT, 100_000, 100, 1e-5);
    }

    /** This protocol with another number of iterations. */
    public SgdProtocol withIterations(int newIterations) {
        return new SgdProtocol(loss, tau, labels, learningRate, batch, init, initScale, bias, outputScale, schedule,
                newIterations, checkEvery, tolerance);
    }

    /**
     * Whether the global minimum of the full-data loss is known to be 0 at this width: the loss is nonnegative, and a
     * student with at least as many units as the teacher reproduces {@code f*} exactly (squared loss on
     * {@code f*}), or a multiple of it with every margin at least tau (hinge on {@code sign(f*)}, which needs
     * {@code f*(x_i) != 0}, true almost surely). Below the teacher's width the minimum is unknown (0 is then only a
     * lower bound; the hinge loss may still reach it).
     */
    public boolean minimumKnownZero(int width, int teacherWidth) {
        return width >= teacherWidth && (loss == Loss.HINGE || labels == Labels.TEACHER);
    }

    private static void require(String name, Object value) {
        if (value == null) {
            throw new InvalidInputException(name, null, "a value");
        }
    }
}
