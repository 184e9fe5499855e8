package io.dualnet.convex;

import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The feature-norm estimate of {@link PatternOperator}, remembered per features matrix. */
class PatternOperatorTest {
    /** Power iterations' accuracy on a 40 x 6 Gaussian matrix after 60 iterations, relative. */
    private static final double POWER_RTOL = 1e-6;

    @Test
    void theFeatureNormIsRememberedPerMatrixAndEqualsAFreshEstimate() {
        DMatrixRMaj x = Matrices.gaussian(40, 6, 1.0, new Random(3L));
        PatternOperator first = new PatternOperator(x, PatternSampler.gaussian(x, 5, 1L));
        PatternOperator second = new PatternOperator(x, PatternSampler.gaussian(x, 9, 2L));
        double estimate = first.featureNormSquaredEstimate(60, 17L);
        // Another operator on the same features (a working set's) gets the same value; a copy of the features (another
        // matrix) computes it afresh, to the same value.
        assertThat(second.featureNormSquaredEstimate(60, 17L)).isEqualTo(estimate);
        PatternOperator copy = new PatternOperator(x.copy(), PatternSampler.gaussian(x, 5, 1L));
        assertThat(copy.featureNormSquaredEstimate(60, 17L)).isEqualTo(estimate);
        double sigma = Linalg.get().singularValues(x)[0];
        assertThat(estimate).isCloseTo(sigma * sigma, org.assertj.core.data.Offset.offset(POWER_RTOL * sigma * sigma));
        // Fewer iterations are a different estimate (below the norm), not the remembered one.
        double rough = first.featureNormSquaredEstimate(1, 17L);
        assertThat(rough).isLessThanOrEqualTo(estimate * (1 + POWER_RTOL));
        assertThat(rough).isNotEqualTo(estimate);
        // The features modified in place (after their operators are gone): a fresh estimate, not the remembered one.
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] *= 2;
        }
        PatternOperator doubled = new PatternOperator(x, PatternSampler.gaussian(x, 5, 1L));
        assertThat(doubled.featureNormSquaredEstimate(60, 17L))
                .isCloseTo(4 * estimate, org.assertj.core.data.Offset.offset(POWER_RTOL * 4 * estimate));
    }
}
