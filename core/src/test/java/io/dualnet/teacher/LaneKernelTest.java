package io.dualnet.teacher;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The two lane kernels compute the same numbers bit for bit (the SIMD one on the Vector API, the scalar one in
 * plain loops), whatever the block size, on every loss and model, with runs ending early (lanes removed from their
 * blocks) and padding lanes in the last block.
 */
class LaneKernelTest {
    private static final TeacherProblem PROBLEM = TeacherProblem.generate(150, 6, 5, 2);

    private static SgdProtocol protocol(SgdProtocol.Loss loss, boolean bias, SgdProtocol.OutputScale output,
                                        SgdProtocol.Schedule schedule, int batch) {
        return new SgdProtocol(loss, 0.7, loss == SgdProtocol.Loss.HINGE ? SgdProtocol.Labels.SIGN
                : SgdProtocol.Labels.TEACHER, loss == SgdProtocol.Loss.HINGE ? 0.2 : 0.02, batch,
                SgdProtocol.Init.PYTORCH, 1.0, bias, output, schedule, 400, 20, 1e-3);
    }

    private static List<StudentRun> run(SgdProtocol p, int width, long[] seeds, LaneKernel kernel) {
        double[] y = PROBLEM.targets(p.labels());
        return new LaneBatch(PROBLEM, p, y, width, seeds, r -> { }, kernel).train();
    }

    @Test
    void vectorAndScalarKernelsAgreeBitForBit() {
        assumeTrue(LaneKernel.vectorAvailable(), "run with --add-modules jdk.incubator.vector (the pom does)");
        long[] seeds = {3, 1, 4, 15, 9, 2, 6, 5, 35, 8, 97, 93, 23};
        for (SgdProtocol.Loss loss : SgdProtocol.Loss.values()) {
            for (boolean bias : new boolean[] {true, false}) {
                for (SgdProtocol.OutputScale output : SgdProtocol.OutputScale.values()) {
                    for (SgdProtocol.Schedule schedule : SgdProtocol.Schedule.values()) {
                        // batch 10: groups of 4 samples and a remainder of 2
                        SgdProtocol p = protocol(loss, bias, output, schedule, 10);
                        LaneShape shape = LaneShape.of(p, PROBLEM.samples(), PROBLEM.dimension(), 7);
                        double[] x = PROBLEM.inputsView();
                        double[] y = PROBLEM.targets(p.labels());
                        List<StudentRun> vector = run(p, 7, seeds, new VectorLaneKernel(shape, x, y));
                        for (int lanes : new int[] {1, 3, 8}) {
                            List<StudentRun> scalar = run(p, 7, seeds, new ScalarLaneKernel(shape, x, y, lanes));
                            assertThat(scalar).as("%s bias=%s %s %s, %d lanes", loss, bias, output, schedule, lanes)
                                    .isEqualTo(vector);
                        }
                    }
                }
            }
        }
    }

    /** The comparison above covers lanes removed mid-run: under the authors' rule runs stop at different steps. */
    @Test
    void someRunsEndEarlyInTheseSettings() {
        SgdProtocol p = protocol(SgdProtocol.Loss.HINGE, true, SgdProtocol.OutputScale.SUM,
                SgdProtocol.Schedule.AUTHORS, 10);
        List<StudentRun> runs = run(p, 7, new long[] {3, 1, 4, 15, 9, 2, 6, 5, 35, 8, 97, 93, 23}, null);
        assertThat(runs).allMatch(r -> r.iterations() < 400);
        assertThat(runs.stream().mapToInt(StudentRun::iterations).distinct().count()).isGreaterThan(5);
    }
}
