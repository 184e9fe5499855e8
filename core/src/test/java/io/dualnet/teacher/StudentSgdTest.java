package io.dualnet.teacher;

import io.dualnet.data.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SGD kernel: determinism across batching, hits, the authors' stop rule, divergence, bad input. */
class StudentSgdTest {
    private static final TeacherProblem PROBLEM = TeacherProblem.generate(200, 5, 6, 1);

    private static SgdProtocol protocol(SgdProtocol.Loss loss, double lr, SgdProtocol.Schedule schedule, int iters) {
        return new SgdProtocol(loss, 1.0,
                loss == SgdProtocol.Loss.HINGE ? SgdProtocol.Labels.SIGN : SgdProtocol.Labels.TEACHER, lr, 20,
                SgdProtocol.Init.PYTORCH, 1.0, true, SgdProtocol.OutputScale.SUM, schedule, iters, 10, 1e-5);
    }

    @Test
    void aRunIsTheSameAloneAndInAnyBlock() {
        StudentSgd sgd = new StudentSgd(PROBLEM, protocol(SgdProtocol.Loss.SQUARED, 0.01,
                SgdProtocol.Schedule.CONSTANT, 300));
        List<StudentRun> block = sgd.runLanes(8, new long[] {5, 1, 2, 3, 4, 0, 6, 7, 8}, null);
        for (StudentRun r : block) {
            assertThat(sgd.run(8, r.seed())).isEqualTo(r);
        }
        assertThat(sgd.runLanes(8, new long[] {3, 7}, null)).containsExactly(block.get(3), block.get(7));
    }

    @Test
    void finishedRunsAreReportedAsTheyEndAndInSeedOrder() {
        StudentSgd sgd = new StudentSgd(PROBLEM, protocol(SgdProtocol.Loss.HINGE, 0.1,
                SgdProtocol.Schedule.CONSTANT, 20_000));
        List<StudentRun> seen = new ArrayList<>();
        List<StudentRun> runs = sgd.runLanes(12, new long[] {0, 1, 2, 3}, seen::add);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(runs);
        assertThat(runs).extracting(StudentRun::seed).containsExactly(0L, 1L, 2L, 3L);
        for (StudentRun r : runs) {
            assertThat(r.hit()).as("seed %d", r.seed()).isTrue();
            assertThat(r.stop()).isEqualTo(StudentRun.Stop.HIT);
            assertThat(r.loss()).isLessThanOrEqualTo(1e-5);
            assertThat(r.hitIteration()).isEqualTo(r.iterations());
            assertThat(r.iterations() % 10).isZero();
        }
    }

    @Test
    void theAuthorsRuleStopsEarlyAndDecaysAtMostThreeTimes() {
        StudentSgd sgd = new StudentSgd(PROBLEM, protocol(SgdProtocol.Loss.HINGE, 0.1,
                SgdProtocol.Schedule.AUTHORS, 20_000));
        for (StudentRun r : sgd.runLanes(12, new long[] {0, 1, 2, 3, 4, 5}, null)) {
            assertThat(r.decays()).isBetween(0, 3);
            if (!r.hit()) {
                assertThat(r.stop()).isEqualTo(StudentRun.Stop.SCHEDULE);
                assertThat(r.iterations()).isLessThan(20_000);
            }
        }
    }

    @Test
    void aDivergingRunSaysAtWhichStep() {
        StudentSgd sgd = new StudentSgd(PROBLEM, protocol(SgdProtocol.Loss.SQUARED, 1e8,
                SgdProtocol.Schedule.CONSTANT, 1000));
        List<StudentRun> runs = sgd.runLanes(8, new long[] {0, 1}, null);
        for (StudentRun r : runs) {
            assertThat(r.diverged()).isTrue();
            assertThat(r.hit()).isFalse();
            assertThat(r.iterations()).isBetween(1, 999);
            assertThat(Double.isFinite(r.loss())).isFalse();
        }
    }

    @Test
    void theMinimumIsKnownFromTheTeachersWidthOn() {
        SgdProtocol hinge = SgdProtocol.paperDefaults();
        assertThat(hinge.minimumKnownZero(11, 11)).isTrue();
        assertThat(hinge.minimumKnownZero(10, 11)).isFalse();
        SgdProtocol squaredOnSigns = new SgdProtocol(SgdProtocol.Loss.SQUARED, 1, SgdProtocol.Labels.SIGN, 0.1, 10,
                SgdProtocol.Init.NORMAL, 1, false, SgdProtocol.OutputScale.SUM, SgdProtocol.Schedule.CONSTANT, 1, 1,
                0);
        assertThat(squaredOnSigns.minimumKnownZero(21, 11)).isFalse();
    }

    @Test
    void badInputNamesTheParameter() {
        assertThatThrownBy(() -> new SgdProtocol(SgdProtocol.Loss.HINGE, 1, SgdProtocol.Labels.TEACHER, 0.1, 10,
                SgdProtocol.Init.PYTORCH, 1, true, SgdProtocol.OutputScale.SUM, SgdProtocol.Schedule.CONSTANT, 10, 1,
                0)).isInstanceOf(InvalidInputException.class).hasMessageContaining("labels");
        assertThatThrownBy(() -> new SgdProtocol(SgdProtocol.Loss.HINGE, 1, SgdProtocol.Labels.SIGN, -0.1, 10,
                SgdProtocol.Init.PYTORCH, 1, true, SgdProtocol.OutputScale.SUM, SgdProtocol.Schedule.CONSTANT, 10, 1,
                0)).isInstanceOf(InvalidInputException.class).hasMessageContaining("learningRate");
        StudentSgd sgd = new StudentSgd(PROBLEM, SgdProtocol.paperDefaults());
        assertThatThrownBy(() -> sgd.run(0, 1)).isInstanceOf(InvalidInputException.class).hasMessageContaining("width");
        assertThatThrownBy(() -> sgd.runLanes(3, new long[] {1, 1}, null)).hasMessageContaining("distinct");
        assertThatThrownBy(() -> new StudentSgd(TeacherProblem.generate(50, 2, 2, 0), SgdProtocol.paperDefaults()))
                .hasMessageContaining("batch");
    }
}
