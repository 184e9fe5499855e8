package io.dualnet.convex;

import io.dualnet.data.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Seeded Gaussian pattern sampling: distinct, reproducible, with generators, never above the request. */
class PatternSamplerTest {

    private static DMatrixRMaj features(int n, int d) {
        Random rng = new Random(4);
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = rng.nextGaussian();
        }
        return x;
    }

    @Test
    void samplesAreDistinctSeededAndCarryTheirGenerators() {
        DMatrixRMaj x = features(50, 5);
        ActivationPatterns a = PatternSampler.gaussian(x, 40, 3L);
        ActivationPatterns b = PatternSampler.gaussian(x, 40, 3L);
        assertThat(a.count()).isEqualTo(40);
        for (int i = 0; i < a.count(); i++) {
            assertThat(b.mask(i)).containsExactly(a.mask(i));
            assertThat(ActivationPatterns.maskOf(x, a.generator(i))).containsExactly(a.mask(i));
        }
        assertThat(PatternSampler.gaussian(x, 40, 4L).mask(0)).isNotEqualTo(a.mask(0));
    }

    @Test
    void smallArrangementsReturnFewerPatternsThanRequested() {
        DMatrixRMaj x = features(4, 1);
        ActivationPatterns p = PatternSampler.gaussian(x, 50, 1L);
        assertThat(p.count()).isLessThanOrEqualTo(2);
        assertThatThrownBy(() -> PatternSampler.gaussian(x, 0, 1L))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("count");
    }
}
