package io.dualnet.data;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlantedReluTest {

    @Test
    void sameSeedSameDataAndShapes() {
        LabeledData a = PlantedRelu.generate(40, 3, 4, 0.1, false, 7);
        LabeledData b = PlantedRelu.generate(40, 3, 4, 0.1, false, 7);
        assertThat(a.x().numRows).isEqualTo(40);
        assertThat(a.x().numCols).isEqualTo(3);
        assertThat(a.x().data).containsExactly(b.x().data);
        assertThat(a.y()).containsExactly(b.y());
        assertThat(PlantedRelu.generate(40, 3, 4, 0.1, false, 8).y()).isNotEqualTo(a.y());
    }

    @Test
    void classificationLabelsAreBalancedSigns() {
        LabeledData d = PlantedRelu.generate(101, 5, 3, 0, true, 3);
        int plus = 0;
        for (double v : d.y()) {
            assertThat(v == 1 || v == -1).isTrue();
            plus += v > 0 ? 1 : 0;
        }
        assertThat(plus).isBetween(45, 55);
    }

    @Test
    void badInputNamesTheParameter() {
        assertThatThrownBy(() -> PlantedRelu.generate(0, 3, 1, 0, false, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("samples");
        assertThatThrownBy(() -> PlantedRelu.generate(5, 3, 1, -1, false, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("noise");
    }
}
