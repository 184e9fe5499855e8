package io.dualnet.data;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Accuracy by sign, and which labels it applies to. */
class MetricsTest {

    @Test
    void signLabelsAreExactlyPlusAndMinusOne() {
        assertThat(Metrics.signLabels(new double[] {1, -1, 1})).isTrue();
        assertThat(Metrics.signLabels(new double[] {1, 0, -1})).isFalse();
        assertThat(Metrics.signLabels(new double[] {1, -1, 0.999})).isFalse();
        assertThat(Metrics.signLabels(new double[0])).as("no labels").isFalse();
    }

    @Test
    void accuracyCountsMatchingSignsAndZeroAsWrong() {
        assertThat(Metrics.accuracy(new double[] {0.3, -2, 0, 5}, new double[] {1, -1, 1, -1})).isEqualTo(0.5);
        assertThatThrownBy(() -> Metrics.accuracy(new double[] {1}, new double[] {0.5}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("y[0]");
    }
}
