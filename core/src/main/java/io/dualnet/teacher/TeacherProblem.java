package io.dualnet.teacher;

import io.dualnet.data.InvalidInputException;

import java.util.Random;

/**
 * The synthetic problem of Zhang, Shao, Salakhutdinov (2019), Sec. 5.1: {@code n} inputs {@code x ~ N(0, I_d)} and
 * the outputs {@code f*(x) = sum_{j<k} a*_j (w*_j . x)_+} of a teacher with {@code k} hidden ReLU units (the paper:
 * n = 1000, d = 10, k = 11, after Safran and Shamir 2017), {@code w*_j ~ N(0, I_d)}, {@code a*_j ~ N(0, 1)}. The
 * paper gives neither the input distribution nor the teacher weights; these are the choices of the PyTorch peer
 * {@code hitrate.py} (whose random stream, torch's, is not reproduced).
 *
 * <p>Draw order, fixed: {@code X} row by row, then the teacher rows {@code w*_j}, then {@code a*}, all from one
 * {@code new Random(seed)} (whose algorithm the Java specification fixes).
 */
public final class TeacherProblem {
    /** Largest {@code n * d} accepted (the data are held in memory twice at most). */
    public static final long MAX_ENTRIES = 50_000_000L;

    private final int samples;
    private final int dimension;
    private final int teacherWidth;
    private final long seed;
    private final double[] x;
    private final double[] teacherOutputs;

    private TeacherProblem(int samples, int dimension, int teacherWidth, long seed, double[] x,
                           double[] teacherOutputs) {
        this.samples = samples;
        this.dimension = dimension;
        this.teacherWidth = teacherWidth;
        this.seed = seed;
        this.x = x;
        this.teacherOutputs = teacherOutputs;
    }

    /**
     * Draws a problem.
     *
     * @param samples {@code n >= 1}
     * @param dimension {@code d >= 1}
     * @param teacherWidth {@code k >= 1}
     * @param seed the data seed
     * @throws InvalidInputException naming the parameter on any violation
     */
    public static TeacherProblem generate(int samples, int dimension, int teacherWidth, long seed) {
        InvalidInputException.requireAtLeast("samples", samples, 1);
        InvalidInputException.requireAtLeast("dimension", dimension, 1);
        InvalidInputException.requireAtLeast("teacherWidth", teacherWidth, 1);
        if ((long) samples * Math.max(dimension, teacherWidth) > MAX_ENTRIES) {
            throw new InvalidInputException("samples x dimension", samples + " x " + dimension,
                    "at most " + MAX_ENTRIES + " entries");
        }
        Random random = new Random(seed);
        double[] x = new double[samples * dimension];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        double[] w = new double[teacherWidth * dimension];
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextGaussian();
        }
        double[] a = new double[teacherWidth];
        for (int j = 0; j < teacherWidth; j++) {
            a[j] = random.nextGaussian();
        }
        double[] f = new double[samples];
        for (int i = 0; i < samples; i++) {
            double s = 0;
            for (int j = 0; j < teacherWidth; j++) {
                double z = 0;
                for (int k = 0; k < dimension; k++) {
                    z += w[j * dimension + k] * x[i * dimension + k];
                }
                s += a[j] * Math.max(0, z);
            }
            f[i] = s;
        }
        return new TeacherProblem(samples, dimension, teacherWidth, seed, x, f);
    }

    /** Number of samples {@code n}. */
    public int samples() {
        return samples;
    }

    /** Input dimension {@code d}. */
    public int dimension() {
        return dimension;
    }

    /** Hidden units of the teacher {@code k}. */
    public int teacherWidth() {
        return teacherWidth;
    }

    /** The data seed. */
    public long seed() {
        return seed;
    }

    /** Entry {@code k} of input {@code i}. */
    public double x(int i, int k) {
        return x[i * dimension + k];
    }

    /** A copy of the inputs, {@code n x d} row-major. */
    public double[] inputs() {
        return x.clone();
    }

    /** Package-private view of the inputs (not copied; never modified). */
    double[] inputsView() {
        return x;
    }

    /** A copy of the teacher outputs {@code f*(x_i)}. */
    public double[] teacherOutputs() {
        return teacherOutputs.clone();
    }

    /**
     * The training targets: {@code f*(x_i)} for {@link SgdProtocol.Labels#TEACHER}, or {@code sign(f*(x_i))} with
     * {@code sign(0) = +1} for {@link SgdProtocol.Labels#SIGN}.
     */
    public double[] targets(SgdProtocol.Labels labels) {
        double[] y = teacherOutputs.clone();
        if (labels == SgdProtocol.Labels.SIGN) {
            for (int i = 0; i < y.length; i++) {
                y[i] = y[i] < 0 ? -1.0 : 1.0;
            }
        }
        return y;
    }
}
