package io.dualnet.teacher;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lock-step kernel against a plain one-run SGD written from the definition (same draws, same step), on hinge
 * and squared losses, with and without biases, sum and mean outputs.
 */
class StudentSgdReferenceTest {
    private static final double RTOL = 1e-9;

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

    /** Plain SGD from the definition: returns the full-data loss after the protocol's iterations. */
    static double reference(TeacherProblem problem, SgdProtocol p, int h, long seed) {
        int n = problem.samples();
        int d = problem.dimension();
        double[] y = problem.targets(p.labels());
        Random r = new Random(StudentSgd.mix(seed, h));
        double[][] w = new double[h][d];
        double[] b = new double[h];
        double[] a = new double[h];
        double c = 0;
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
        double scale = p.outputScale() == SgdProtocol.OutputScale.MEAN ? 1.0 / h : 1.0;
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        int pos = n;
        for (int it = 0; it < p.iterations(); it++) {
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
