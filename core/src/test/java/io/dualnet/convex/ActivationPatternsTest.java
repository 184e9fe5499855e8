package io.dualnet.convex;

import io.dualnet.data.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bitset patterns with generators: de-duplication, lookup, subsets and unions. */
class ActivationPatternsTest {

    private static final DMatrixRMaj X = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}, {-1, 1}, {0, 0}});

    @Test
    void patternsFromGatesKeepTheirGeneratorsAndDropDuplicatesAndTheZeroPattern() {
        // Gates (1,0), (2,0) (same pattern), (0,-1) (pattern {0, 3}: the zero row is always active).
        DMatrixRMaj gates = new DMatrixRMaj(new double[][] {{1, 2, 0}, {0, 0, -1}});
        ActivationPatterns p = ActivationPatterns.fromGates(X, gates);
        assertThat(p.count()).isEqualTo(2);
        assertThat(p.generator(0)).containsExactly(1, 0);
        assertThat(p.generator(1)).containsExactly(0, -1);
        assertThat(p.hasGenerators()).isTrue();
        assertThat(p.active(1, 0)).isTrue();
        assertThat(p.active(1, 3)).isTrue();
        assertThat(p.active(1, 1)).isFalse();
        assertThat(p.indexOf(ActivationPatterns.maskOf(X, new double[] {0, -1}))).isEqualTo(1);
        assertThat(p.indexOf(new long[] {0b0110})).isEqualTo(-1);
        long[] zero = {0};
        assertThat(ActivationPatterns.of(4, List.of(zero)).count()).isZero();
    }

    @Test
    void aDuplicateContributesItsGeneratorWhenTheFirstHasNone() {
        long[] mask = {0b1011};
        ActivationPatterns p = ActivationPatterns.of(4, List.of(mask, mask.clone()),
                Arrays.asList(null, new double[] {1, 0}));
        assertThat(p.count()).isEqualTo(1);
        assertThat(p.generator(0)).containsExactly(1, 0);
        assertThat(ActivationPatterns.of(4, List.of(mask)).hasGenerators()).isFalse();
    }

    @Test
    void unionAndSubsetPreserveOrderAndGenerators() {
        ActivationPatterns a = ActivationPatterns.fromGates(X, new DMatrixRMaj(new double[][] {{1}, {0}}));
        ActivationPatterns b = ActivationPatterns.fromGates(X, new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}}));
        ActivationPatterns u = a.union(b);
        assertThat(u.count()).isEqualTo(2);
        assertThat(u.mask(0)).containsExactly(a.mask(0));
        assertThat(u.generator(1)).containsExactly(0, 1);
        ActivationPatterns s = u.subset(new int[] {1});
        assertThat(s.count()).isEqualTo(1);
        assertThat(s.generator(0)).containsExactly(0, 1);
    }

    @Test
    void badShapesNameTheParameter() {
        assertThatThrownBy(() -> ActivationPatterns.of(4, List.of(new long[2])))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("masks");
        assertThatThrownBy(() -> ActivationPatterns.of(4, List.of(new long[1]), List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("generators");
        assertThatThrownBy(() -> ActivationPatterns.maskOf(X, new double[3]))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("g");
    }
}
