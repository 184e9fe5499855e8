package io.dualnet.vgg;

import io.dualnet.data.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MultiStepScheduleTest {
    static final double RTOL = 1e-12;

    @Test
    void paperFractionsGiveTheAuthorsMilestones() {
        MultiStepSchedule s = new MultiStepSchedule(0.1, 0.1, MultiStepSchedule.PAPER_FRACTIONS, 300);
        assertThat(s.milestones()).containsExactly(150, 225, 275);
    }

    @Test
    void firesAtEachMilestoneAndNowhereElse() {
        MultiStepSchedule s = new MultiStepSchedule(0.2, 0.5, new double[] {0.25, 0.5}, 8);
        assertThat(s.milestones()).containsExactly(2, 4);
        double[] expected = {0.2, 0.2, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05};
        for (int e = 0; e < 8; e++) {
            assertThat(s.rate(e)).isCloseTo(expected[e], org.assertj.core.data.Offset.offset(RTOL));
        }
    }

    @Test
    void rejectsBadMilestones() {
        assertThatThrownBy(() -> new MultiStepSchedule(0.1, 0.1, new double[] {0.5, 0.5}, 10))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--milestones");
        assertThatThrownBy(() -> new MultiStepSchedule(0.1, 0.1, new double[] {1.0}, 10))
                .hasMessageContaining("--milestones");
        assertThatThrownBy(() -> new MultiStepSchedule(-1, 0.1, new double[] {0.5}, 10)).hasMessageContaining("--lr");
    }
}
