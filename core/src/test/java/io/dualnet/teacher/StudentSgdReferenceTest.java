package io.dualnet.teacher;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lock-step kernel against a plain one-run SGD written from the definition (same draws, same step), on hinge
 * and squared losses, with and without biases, sum and mean outputs: the final loss after 50 steps, and every
 * parameter after each of the first steps.
 */
class StudentSgdReferenceTest {
    private static final double RTOL = 1e-9;
    /** Parameters after each step: the kernel and plain SGD round the batch-mean slope differently. */
    private static final double STEP_RTOL = 1e-12;
    /** Steps compared one by one. */
    private static final int STEPS = 12;

    @Test
    void lanesReproduceAPlainSgdRunOnEveryLossAndModel() {
        TeacherProblem problem = TeacherProblem.generate(60, 4, 5, 3);
        for (SgdProtocol.Loss loss : SgdProtocol.Loss.values()) {
            for (boolean bias : new boolean[] {true, false}) {
                for (SgdProtocol.OutputScale output : SgdProtocol.OutputScale.values()) {
                    SgdProtocol p = new SgdProtocol(loss, 0.5,
                            loss == SgdProtocol.Loss.HINGE ? SgdProtocol.Labels.SIGN : SgdProtocol.Labels.TEACHER,
                            0.01, 7, SgdProtocol.Init.PYTORCH, 1.0, bias, output, SgdProtocol.Schedule.CONSTANT, 50,
                            1000, 0.0);
                    long[] seeds = {4, 9, 11};
                    var runs = new StudentSgd(problem, p).runLanes(6, seeds, null);
                    for (int i = 0; i < seeds.length; i++) {
                        double expected = reference(problem, p, 6, seeds[i]);
                        assertThat(runs.get(i).loss()).as("%s bias=%s %s seed %d", loss, bias, output, seeds[i])
                                .isCloseTo(expected, org.assertj.core.data.Offset.offset(RTOL * (1 + expected)));
                        assertThat(runs.get(i).iterations()).isEqualTo(50);
                    }
                }
            }
        }
    }

    /**
     * Every step of the kernel (the SIMD one when the JVM has the Vector API, as under the build's test
     * configuration) against one step of plain SGD written from the definition: all parameters after each of the
     * first {@value #STEPS} steps, two lanes of a block, each loss, with and without biases.
     */
    @Test
    void everyStepMatchesAPlainSgdStep() {
        TeacherProblem problem = TeacherProblem.generate(60, 4, 5, 3);
        int h = 6;
        long[] seeds = {4, 9};
        for (SgdProtocol.Loss loss : SgdProtocol.Loss.values()) {
            for (boolean bias : new boolean[] {true, false}) {
                SgdProtocol p = new SgdProtocol(loss, 0.5,
                        loss == SgdProtocol.Loss.HINGE ? SgdProtocol.Labels.SIGN : SgdProtocol.Labels.TEACHER,
                        0.05, 8, SgdProtocol.Init.PYTORCH, 1.0, bias, SgdProtocol.OutputScale.SUM,
                        SgdProtocol.Schedule.CONSTANT, 1, 1000, 0.0);
                PlainSgd[] plain = {new PlainSgd(problem, p, h, seeds[0]), new PlainSgd(problem, p, h, seeds[1])};
                for (int t = 1; t <= STEPS; t++) {
                    LaneBatch kernel = new LaneBatch(problem, p.withIterations(t), problem.targets(p.labels()), h,
                            seeds, r -> { });
                    kernel.train();
                    for (int s = 0; s < seeds.length; s++) {
                        plain[s].step();
                        double[] expected = plain[s].parameters();
                        double[] actual = kernel.parameters(s);
                        for (int i = 0; i < expected.length; i++) {
                            assertThat(actual[i]).as("%s bias=%s seed %d step %d parameter %d", loss, bias, seeds[s],
                                    t, i).isCloseTo(expected[i],
                                    org.assertj.core.data.Offset.offset(STEP_RTOL * (1 + Math.abs(expected[i]))));
                        }
                    }
                }
            }
        }
    }

    /** Plain SGD from the definition: returns the full-data loss after the protocol's iterations. */
    static double reference(TeacherProblem problem, SgdProtocol p, int h, long seed) {
        PlainSgd run = new PlainSgd(problem, p, h, seed);
        for (int it = 0; it < p.iterations(); it++) {
            run.step();
        }
        return run.fullLoss();
    }

    /** One SGD run written from the definition, one sample at a time, with branches (no lanes, no tricks). */
    static final class PlainSgd {
        private final TeacherProblem problem;
        private final SgdProtocol p;
        private final int h;
        private final int n;
        private final int d;
        private final double[] y;
        private final Random r;
        private final double[][] w;
        private final double[] b;
        private final double[] a;
        private double c;
        private final double scale;
        private final int[] perm;
        private int pos;

        PlainSgd(TeacherProblem problem, SgdProtocol p, int h, long seed) {
            this.problem = problem;
            this.p = p;
            this.h = h;
            this.n = problem.samples();
            this.d = problem.dimension();
            this.y = problem.targets(p.labels());
            this.r = new Random(StudentSgd.mix(seed, h));
            this.w = new double[h][d];
            this.b = new double[h];
            this.a = new double[h];
            double s1 = p.initScale() / Math.sqrt(d);
            double s2 = p.initScale() / Math.sqrt(h);
            for (int j = 0; j < h; j++) {
                for (int k = 0; k < d; k++) {
                    w[j][k] = s1 * (2 * r.nextDouble() - 1);
                }
            }
            if (p.bias()) {
                for (int j = 0; j < h; j++) {
                    b[j] = s1 * (2 * r.nextDouble() - 1);
                }
            }
            for (int j = 0; j < h; j++) {
                a[j] = s2 * (2 * r.nextDouble() - 1);
            }
            if (p.bias()) {
                c = s2 * (2 * r.nextDouble() - 1);
            }
            this.scale = p.outputScale() == SgdProtocol.OutputScale.MEAN ? 1.0 / h : 1.0;
            this.perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            this.pos = n;
        }

        /** The parameters in the kernel's row order: w_jk (row j * d + k), b_j, a_j, c. */
        double[] parameters() {
            double[] out = new double[h * d + 2 * h + 1];
            for (int j = 0; j < h; j++) {
                System.arraycopy(w[j], 0, out, j * d, d);
                out[h * d + j] = b[j];
                out[h * d + h + j] = a[j];
            }
            out[h * d + 2 * h] = c;
            return out;
        }

        void step() {
            if (pos + p.batch() > n) {
                for (int i = n - 1; i > 0; i--) {
                    int j = r.nextInt(i + 1);
                    int t = perm[i];
                    perm[i] = perm[j];
                    perm[j] = t;
                }
                pos = 0;
            }
            double[][] gw = new double[h][d];
            double[] gb = new double[h];
            double[] ga = new double[h];
            double gc = 0;
            for (int q = 0; q < p.batch(); q++) {
                int i = perm[pos + q];
                double[] z = new double[h];
                double f = c;
                for (int j = 0; j < h; j++) {
                    z[j] = b[j];
                    for (int k = 0; k < d; k++) {
                        z[j] += w[j][k] * problem.x(i, k);
                    }
                    f += a[j] * Math.max(z[j], 0);
                }
                f *= scale;
                double g = p.loss() == SgdProtocol.Loss.HINGE
                        ? (1 - y[i] * f / p.tau() > 0 ? -y[i] / p.tau() : 0) : f - y[i];
                g *= scale / p.batch();
                gc += g;
                for (int j = 0; j < h; j++) {
                    if (z[j] > 0) {
                        ga[j] += g * z[j];
                        gb[j] += g * a[j];
                        for (int k = 0; k < d; k++) {
                            gw[j][k] += g * a[j] * problem.x(i, k);
                        }
                    }
                }
            }
            pos += p.batch();
            for (int j = 0; j < h; j++) {
                for (int k = 0; k < d; k++) {
                    w[j][k] -= p.learningRate() * gw[j][k];
                }
                a[j] -= p.learningRate() * ga[j];
                if (p.bias()) {
                    b[j] -= p.learningRate() * gb[j];
                }
            }
            if (p.bias()) {
                c -= p.learningRate() * gc;
            }
        }

        double fullLoss() {
            double total = 0;
            for (int i = 0; i < n; i++) {
                double f = c;
                for (int j = 0; j < h; j++) {
                    double z = b[j];
                    for (int k = 0; k < d; k++) {
                        z += w[j][k] * problem.x(i, k);
                    }
                    f += a[j] * Math.max(z, 0);
                }
                f *= scale;
                total += p.loss() == SgdProtocol.Loss.HINGE ? Math.max(0, 1 - y[i] * f / p.tau())
                        : 0.5 * (f - y[i]) * (f - y[i]);
            }
            return total / n;
        }
    }
}
